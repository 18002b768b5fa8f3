/** Password hashing (argon2id, OWASP parameters) and the weak-password check. */
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords';

// OWASP Password Storage Cheat Sheet: argon2id, m=19456 KiB, t=2, p=1. Algorithm 2 = Argon2id.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the username does not exist, so both paths take as long. */
let dummyHash: Promise<string> | undefined;
export function timingSafeDummyHash(): Promise<string> {
	dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
	return dummyHash;
}

export function isCommonPassword(password: string, username?: string): boolean {
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower)) return true;
	if (username && lower.includes(username.toLowerCase())) return true;
	// "aaaaaaaaaa", "1234567890": one repeated character or a plain run
	if (/^(.)\1+$/.test(lower)) return true;
	return (
		'01234567890123456789'.includes(lower) ||
		'abcdefghijklmnopqrstuvwxyz'.includes(lower) ||
		'qwertyuiopasdfghjklzxcvbnm'.includes(lower)
	);
}
