/**
 * Sample accounts (and, as features land, content) for `npm run demo` / DEMO=1 only. Each start
 * gives the demo accounts fresh passwords and prints them, so nothing guessable outlives a run.
 */
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { users, type Role } from '../db/schema';
import { hashPassword } from '../accounts/passwords';
import { createAccount, OPERATOR } from '../accounts/manage';
import { seedDemoChat } from './chat';
import { seedDemoForum } from './forum';

export const DEMO_ACCOUNTS: { username: string; roles: Role[]; label: string }[] = [
	{ username: 'demo_member', roles: ['young_person'], label: 'Young person' },
	{ username: 'demo_youthworker', roles: ['youth_worker'], label: 'Youth worker' },
	{
		username: 'demo_safeguarding',
		roles: ['safeguarding_lead', 'youth_worker'],
		label: 'Safeguarding lead'
	},
	{ username: 'demo_coproduction', roles: ['coproduction_lead'], label: 'Coproduction lead' },
	{ username: 'demo_admin', roles: ['admin'], label: 'Admin' }
];

const WORDS = [
	'river',
	'maple',
	'lantern',
	'harbour',
	'meadow',
	'comet',
	'pebble',
	'orchid',
	'willow',
	'ember',
	'falcon',
	'cedar'
];

function memorablePassword(): string {
	const pick = () => WORDS[randomInt(WORDS.length)];
	return `${pick()}-${pick()}-${pick()}-${randomInt(1000, 9999)}`;
}

export async function seedDemo(
	db: Database
): Promise<{ username: string; password: string; label: string }[]> {
	const printed = [];
	for (const account of DEMO_ACCOUNTS) {
		const password = memorablePassword();
		const [existing] = await db
			.select({ id: users.id })
			.from(users)
			.where(sql`lower(${users.username}) = ${account.username}`);
		if (existing) {
			await db
				.update(users)
				.set({
					passwordHash: await hashPassword(password),
					roles: account.roles,
					suspendedUntil: null
				})
				.where(eq(users.id, existing.id));
		} else {
			await createAccount(db, OPERATOR, {
				username: account.username,
				password,
				roles: account.roles
			});
			if (account.roles.includes('young_person')) {
				await db
					.update(users)
					.set({ dateOfBirth: '2008-05-01', guidelinesAcceptedAt: new Date() })
					.where(sql`lower(${users.username}) = ${account.username}`);
			}
		}
		printed.push({ username: account.username, password, label: account.label });
	}
	await seedDemoForum(db);
	await seedDemoChat(db);
	return printed;
}
