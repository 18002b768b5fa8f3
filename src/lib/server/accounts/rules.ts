/** What makes a username, password and age acceptable, as zod schemas with human messages. */
import { z } from 'zod';
import { isCommonPassword } from './passwords';

export const usernameSchema = z
	.string({ message: 'Choose a username.' })
	.trim()
	.min(3, 'Usernames need at least 3 characters.')
	.max(24, 'Usernames can be at most 24 characters.')
	.regex(/^[A-Za-z0-9_-]+$/, 'Use only letters, numbers, _ and - in your username (no spaces).');

export const newPasswordSchema = z
	.string({ message: 'Choose a password.' })
	.min(10, 'Passwords need at least 10 characters. A few random words together work well.')
	.max(200, 'Passwords can be at most 200 characters.');

/** A password that is long enough and not on the common list (checked against the username too). */
export function passwordProblem(password: string, username?: string): string | null {
	const parsed = newPasswordSchema.safeParse(password);
	if (!parsed.success) return parsed.error.issues[0].message;
	if (isCommonPassword(password, username)) {
		return 'That password is too easy to guess. Try a few random words together instead.';
	}
	return null;
}

export const dateOfBirthSchema = z
	.string({ message: 'Enter your date of birth.' })
	.trim()
	.min(1, 'Enter your date of birth.')
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter your date of birth as day, month and year.')
	.refine(isCalendarDate, 'That date does not exist.');

/** "2010-02-30" parses in JavaScript (it rolls over to 2 March), so check it survives a round trip. */
function isCalendarDate(value: string): boolean {
	const parsed = new Date(value + 'T00:00:00Z');
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Age in whole years on `today` (UTC calendar dates). */
export function ageOn(dateOfBirth: string, today = new Date()): number {
	const [y, m, d] = dateOfBirth.split('-').map(Number);
	let age = today.getUTCFullYear() - y;
	const beforeBirthday =
		today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
	if (beforeBirthday) age -= 1;
	return age;
}
