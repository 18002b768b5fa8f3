/** screen(): the decision every write path asks for before anything is stored. */
import { describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { addWatchedWord } from '../../src/lib/server/safety/watched-words-admin';
import { screen, HELD_MESSAGE, BULLYING_MESSAGE } from '../../src/lib/server/safety/screen';

const member = { id: 1, roles: ['young_person'] as const };
const worker = { id: 2, roles: ['youth_worker'] as const };
const post = { kind: 'forum_post' as const };

async function decide(
	text: string,
	author: { id: number; roles: readonly ('young_person' | 'youth_worker')[] } = member
) {
	return screen(await database(), { text, author, context: post });
}

describe('screening what people write', () => {
	it('publishes an ordinary message with nothing for staff', async () => {
		const d = await decide('anyone watching the match tonight? bare excited');
		expect(d).toMatchObject({
			action: 'publish',
			alert: false,
			staffFlag: false,
			signposting: null
		});
	});

	it('holds an imminent-risk message, raises an alert and offers crisis help at once', async () => {
		const d = await decide('i cant do this anymore im going to take all my pills tonight');
		expect(d.action).toBe('hold');
		expect(d.risk.level).toBe('imminent');
		expect(d.alert).toBe(true);
		expect(d.signposting).toBe('crisis');
		expect(d.authorMessage).toBe(HELD_MESSAGE);
		expect(d.reasons).toContain('risk_imminent');
	});

	it('publishes a message of concern, flags it to staff and gently signposts the author', async () => {
		const d = await decide('honestly whats even the point anymore');
		expect(d).toMatchObject({
			action: 'publish',
			alert: false,
			staffFlag: true,
			signposting: 'gentle'
		});
	});

	it('blocks telling someone else to kill themselves, with a reason the author can understand', async () => {
		const d = await decide('nobody likes you just kys');
		expect(d.action).toBe('block');
		expect(d.authorMessage).toBe(BULLYING_MESSAGE);
		expect(d.reasons).toContain('bullying');
	});

	it('holds a member sharing their phone number, but not a youth worker sharing a service number', async () => {
		expect((await decide('text me on 07700 900123')).action).toBe('hold');
		expect((await decide('text me on 07700 900123')).reasons).toContain('personal_info');
		expect((await decide('call the office on 020 7946 0958', worker)).action).toBe('publish');
	});

	it('holds a racist slur even when it is spaced out or disguised', async () => {
		for (const text of ['you n i g g e r', 'shut up p4ki', 'go back to your own country']) {
			const d = await decide(text);
			expect(d.action, text).toBe('hold');
			expect(d.reasons, text).toContain('watched_word:hold');
		}
		expect((await decide('my mum is from Niger and my dad from Nigeria')).action).toBe('publish');
	});

	it('applies a watched word an admin adds straight away, censoring it where asked', async () => {
		const db = await database();
		const admin = await createAccount(db, OPERATOR, {
			username: 'admin_ww',
			password: 'a-long-admin-password',
			roles: ['admin']
		});
		await addWatchedWord(db, admin, {
			pattern: 'flipping',
			isRegex: false,
			action: 'censor',
			reason: 'test word'
		});
		const d = await decide('this flipping bus is late');
		expect(d.action).toBe('publish');
		expect(d.text).toBe('this ******** bus is late');
	});

	it('never crashes on empty, huge, binary or broken text', async () => {
		for (const text of [
			'',
			' ',
			'x'.repeat(50_000),
			'\u0000\u0001\uffff',
			'\ud800 broken \udfff',
			'🔥'.repeat(5000)
		]) {
			const d = await decide(text);
			expect(['publish', 'hold', 'block']).toContain(d.action);
		}
	});

	it('fails closed: if screening itself breaks, the content is held, not published', async () => {
		const broken = {
			select() {
				throw new Error('database unavailable');
			}
		} as unknown as Database;
		const d = await screen(broken, { text: 'hello everyone', author: member, context: post });
		expect(d.action).toBe('hold');
		expect(d.reasons).toEqual(['screening_error']);
	});
});
