/** What makes an acceptable username, password and date of birth, and how ages are counted. */
import { describe, expect, it } from 'vitest';
import {
	ageOn,
	dateOfBirthSchema,
	passwordProblem,
	usernameSchema
} from '../../src/lib/server/accounts/rules';
import { isCommonPassword } from '../../src/lib/server/accounts/passwords';

const usernameMessage = (input: unknown) => {
	const result = usernameSchema.safeParse(input);
	return result.success ? null : result.error.issues[0].message;
};

describe('usernames', () => {
	it.each(['sam', 'River_Stone', 'moon-child-07', 'a'.repeat(24)])('accepts %s', (name) => {
		expect(usernameSchema.parse(name)).toBe(name);
	});

	it('ignores spaces typed before or after the name', () => {
		expect(usernameSchema.parse('  sunny_day  ')).toBe('sunny_day');
	});

	it('asks for at least 3 characters', () => {
		expect(usernameMessage('ab')).toBe('Usernames need at least 3 characters.');
		expect(usernameMessage('  ab  ')).toBe('Usernames need at least 3 characters.');
	});

	it('allows at most 24 characters', () => {
		expect(usernameMessage('a'.repeat(25))).toBe('Usernames can be at most 24 characters.');
	});

	it.each(['sam smith', 'sam@example.com', 'sâm', 'sam😀', 'sam.smith', '<script>'])(
		'refuses %s, explaining which characters are allowed',
		(name) => {
			expect(usernameMessage(name)).toBe(
				'Use only letters, numbers, _ and - in your username (no spaces).'
			);
		}
	);

	it('asks for a username when none is given', () => {
		expect(usernameMessage(undefined)).toBe('Choose a username.');
	});
});

describe('ages', () => {
	const on = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

	it('counts a birthday only once the day has arrived', () => {
		expect(ageOn('2013-06-15', on('2026-06-14'))).toBe(12);
		expect(ageOn('2013-06-15', on('2026-06-15'))).toBe(13);
		expect(ageOn('2013-06-15', on('2026-06-16'))).toBe(13);
	});

	it('counts a birthday later in the year as not yet reached', () => {
		expect(ageOn('2010-12-31', on('2026-01-01'))).toBe(15);
		expect(ageOn('2010-12-31', on('2026-12-31'))).toBe(16);
	});

	it('counts a birthday earlier in the year as passed, even in an earlier month', () => {
		expect(ageOn('2010-01-31', on('2026-02-01'))).toBe(16);
		expect(ageOn('2010-03-01', on('2026-02-28'))).toBe(15);
	});

	it('gives someone born on 29 February their new age on 1 March in other years', () => {
		expect(ageOn('2012-02-29', on('2025-02-28'))).toBe(12);
		expect(ageOn('2012-02-29', on('2025-03-01'))).toBe(13);
		expect(ageOn('2012-02-29', on('2028-02-29'))).toBe(16);
	});

	it('uses the calendar date, not the time of day', () => {
		expect(ageOn('2013-06-15', new Date('2026-06-15T00:00:00Z'))).toBe(13);
		expect(ageOn('2013-06-15', new Date('2026-06-14T23:59:59Z'))).toBe(12);
	});

	it('gives a negative age for a date of birth in the future', () => {
		expect(ageOn('2030-01-01', on('2026-06-15'))).toBeLessThan(0);
	});
});

describe('dates of birth', () => {
	const dateMessage = (input: unknown) => {
		const result = dateOfBirthSchema.safeParse(input);
		return result.success ? null : result.error.issues[0].message;
	};

	it('accepts a real date, including 29 February in a leap year', () => {
		expect(dateMessage('2010-05-17')).toBeNull();
		expect(dateMessage('2012-02-29')).toBeNull();
	});

	it('asks for a date of birth when none is given', () => {
		expect(dateMessage('')).toBe('Enter your date of birth.');
		expect(dateMessage(undefined)).toBe('Enter your date of birth.');
	});

	it('refuses a date in another format', () => {
		expect(dateMessage('17/05/2010')).toBe('Enter your date of birth as day, month and year.');
	});

	it.each(['2010-02-30', '2010-02-31', '2011-02-29', '2010-04-31', '2010-13-01', '2010-00-10'])(
		'refuses %s, which is not a real date',
		(date) => {
			expect(dateMessage(date)).toBe('That date does not exist.');
		}
	);
});

describe('common passwords', () => {
	it.each([
		'password123',
		'PASSWORD123',
		'Password123',
		'qwertyuiop',
		'iloveyou123',
		'together123'
	])('knows %s is on the list of passwords people guess first', (password) => {
		expect(isCommonPassword(password)).toBe(true);
	});

	it.each(['aaaaaaaaaa', '1111111111', '1234567890', '3456789012', 'abcdefghijkl', 'asdfghjklz'])(
		'knows %s is a repeated character or a run along the keyboard',
		(password) => {
			expect(isCommonPassword(password)).toBe(true);
		}
	);

	it('treats a password containing the username as easy to guess, whatever the case', () => {
		expect(isCommonPassword('RiverStone2009', 'riverstone')).toBe(true);
		expect(isCommonPassword('my-riverstone-pw', 'RiverStone')).toBe(true);
		expect(isCommonPassword('my-riverstone-pw', 'moonchild')).toBe(false);
	});

	it.each(['correct horse battery', 'plum-tractor-velvet', 'Jollof&Plantain4ever'])(
		'accepts %s, which is not common',
		(password) => {
			expect(isCommonPassword(password)).toBe(false);
		}
	);
});

describe('choosing a password', () => {
	it('asks for at least 10 characters and suggests a few words together', () => {
		expect(passwordProblem('short1')).toBe(
			'Passwords need at least 10 characters. A few random words together work well.'
		);
	});

	it('refuses a common password, or one containing the username, as too easy to guess', () => {
		const easy = 'That password is too easy to guess. Try a few random words together instead.';
		expect(passwordProblem('password123')).toBe(easy);
		expect(passwordProblem('sunny_day_forever', 'sunny_day')).toBe(easy);
	});

	it('allows at most 200 characters', () => {
		expect(passwordProblem('plum tractor '.repeat(20))).toBe(
			'Passwords can be at most 200 characters.'
		);
	});

	it('accepts a long, uncommon password', () => {
		expect(passwordProblem('plum-tractor-velvet', 'sunny_day')).toBeNull();
	});
});
