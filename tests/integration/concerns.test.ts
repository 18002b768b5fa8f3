/** Concerns raised by people: a member worried about someone, or staff who saw something. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { database } from '../../src/lib/server/db';
import { evidenceSnapshots, safeguardingAlerts } from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { raiseConcern } from '../../src/lib/server/safeguarding/concerns';
import { ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';

let n = 0;
const make = async (roles: ('young_person' | 'youth_worker')[]) =>
	createAccount(await database(), OPERATOR, {
		username: `concern_${roles[0].slice(0, 5)}_${++n}`,
		password: 'plum-tractor-velvet',
		roles
	});

describe('raising a concern about someone', () => {
	it('turns a member’s worry about a named person into a high alert with their words as evidence', async () => {
		const db = await database();
		const [worried, friend] = [await make(['young_person']), await make(['young_person'])];
		const alertId = await raiseConcern(db, worried, {
			username: friend.username.toUpperCase(),
			note: 'they said they have given all their stuff away'
		});
		const [alert] = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.id, alertId));
		expect(alert).toMatchObject({
			level: 'high',
			source: 'report',
			subjectUserId: friend.id,
			raisedById: worried.id
		});
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(evidence.text).toBe('they said they have given all their stuff away');
	});

	it('keeps the words of a worry pasted with an invisible control character', async () => {
		const db = await database();
		const worried = await make(['young_person']);
		const alertId = await raiseConcern(db, worried, {
			note: 'my friend wrote\u0000 goodbye to everyone'
		});
		const [evidence] = await db
			.select({ text: evidenceSnapshots.text })
			.from(safeguardingAlerts)
			.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
			.where(eq(safeguardingAlerts.id, alertId));
		expect(evidence.text).toBe('my friend wrote goodbye to everyone');
	});

	it('accepts a worry without a username, and refuses an unknown one without raising anything', async () => {
		const db = await database();
		const worried = await make(['young_person']);
		await expect(
			raiseConcern(db, worried, { note: 'someone in the chat said goodbye forever' })
		).resolves.toBeGreaterThan(0);
		const before = (await db.select().from(safeguardingAlerts)).length;
		await expect(
			raiseConcern(db, worried, { username: 'nobody_by_this_name', note: 'worried about them' })
		).rejects.toBeInstanceOf(ValidationError);
		await expect(raiseConcern(db, worried, { note: 'hm' })).rejects.toBeInstanceOf(ValidationError);
		expect((await db.select().from(safeguardingAlerts)).length).toBe(before);
	});

	it('keeps a worry without control characters, never a database error', async () => {
		const db = await database();
		const [worried, friend] = [await make(['young_person']), await make(['young_person'])];
		const alertId = await raiseConcern(db, worried, {
			username: `${friend.username}\u0000`,
			note: 'they said\u0000 goodbye\u0007 to everyone'
		});
		const [alert] = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.id, alertId));
		expect(alert).toMatchObject({
			subjectUserId: friend.id,
			note: 'they said goodbye to everyone'
		});
		await expect(
			raiseConcern(db, worried, { note: '\u0000\u0000\u0000\u0000\u0000hi' })
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('lets staff choose the level, and requires them to', async () => {
		const db = await database();
		const [worker, member] = [await make(['youth_worker']), await make(['young_person'])];
		await expect(
			raiseConcern(db, worker, {
				username: member.username,
				note: 'told me at the drop-in he is not safe at home'
			})
		).rejects.toBeInstanceOf(ValidationError);
		const id = await raiseConcern(db, worker, {
			username: member.username,
			note: 'told me at the drop-in he is not safe at home',
			level: 'imminent'
		});
		const [alert] = await db.select().from(safeguardingAlerts).where(eq(safeguardingAlerts.id, id));
		expect(alert).toMatchObject({ level: 'imminent', source: 'staff' });
	});

	it('refuses someone who is suspended', async () => {
		const db = await database();
		const member = await make(['young_person']);
		await expect(
			raiseConcern(db, { ...member, suspended: true }, { note: 'worried about my friend here' })
		).rejects.toBeInstanceOf(NotAllowedError);
	});
});
