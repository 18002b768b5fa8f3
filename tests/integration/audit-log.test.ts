/** Reading the audit log: newest first, 50 to a page, filtered, and only for those allowed. */
import { beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog } from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { recordAudit } from '../../src/lib/server/audit/record';
import { listAuditLog, londonMidnight } from '../../src/lib/server/audit/list';
import { ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError, type Actor } from '../../src/lib/server/policy';

let db: Database;
let admin: Actor;
let lead: Actor;
let worker: Actor;
let adminName: string;

beforeAll(async () => {
	db = await database();
	const make = async (
		username: string,
		roles: ('admin' | 'safeguarding_lead' | 'youth_worker')[]
	) => {
		const user = await createAccount(db, OPERATOR, {
			username,
			password: 'audit-log-password',
			roles
		});
		return { id: user.id, roles: user.roles };
	};
	admin = await make('audit_admin', ['admin']);
	adminName = 'audit_admin';
	lead = await make('audit_lead', ['safeguarding_lead']);
	worker = await make('audit_worker', ['youth_worker']);
	// 60 of the admin's own, a minute apart, then one by the system.
	const start = Date.parse('2026-06-30T22:00:00Z');
	await db.insert(auditLog).values(
		Array.from({ length: 60 }, (_, i) => ({
			at: new Date(start + i * 60_000),
			actorId: admin.id,
			action: 'directory.update',
			targetType: 'crisis_service',
			targetId: String(i % 3),
			details: { n: i }
		}))
	);
	await recordAudit(db, {
		actorId: null,
		action: 'alert.escalate',
		targetType: 'alert',
		targetId: 7
	});
});

describe('the audit log', () => {
	it('pages the newest first, 50 at a time', async () => {
		const first = await listAuditLog(db, admin, { action: 'directory.' });
		expect(first.rows).toHaveLength(50);
		expect(first.hasMore).toBe(true);
		expect(first.rows[0].details).toEqual({ n: 59 });
		expect(first.rows[0].actor).toBe(adminName);
		const second = await listAuditLog(db, admin, { action: 'directory.', page: '2' });
		expect(second.rows.map((r) => r.details.n)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
		expect(second.hasMore).toBe(false);
	});

	it('filters by who, target and date (UK days), and names the operator and the system', async () => {
		const byTarget = await listAuditLog(db, lead, {
			actor: 'AUDIT_ADMIN',
			targetType: 'crisis_service',
			targetId: '1'
		});
		expect(byTarget.rows).toHaveLength(20);

		// 22:00–22:59 UTC on 30 June is 23:00–23:59 on 30 June in London (BST); 23:00 UTC on is 1 July.
		const june30 = await listAuditLog(db, admin, {
			action: 'directory.',
			from: '2026-06-30',
			to: '2026-06-30'
		});
		expect(june30.rows).toHaveLength(50);
		expect(june30.hasMore).toBe(true);
		const july1 = await listAuditLog(db, admin, { action: 'directory.', from: '2026-07-01' });
		expect(july1.rows).toHaveLength(0);
		expect(londonMidnight('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
		expect(londonMidnight('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');

		const system = await listAuditLog(db, admin, { actor: 'system' });
		expect(system.rows.map((r) => [r.actor, r.action])).toEqual([['system', 'alert.escalate']]);
		const operator = await listAuditLog(db, admin, { actor: 'operator' });
		expect(operator.rows.length).toBeGreaterThanOrEqual(3);
		expect(
			operator.rows.every((r) => r.actor === 'operator' && r.action === 'account.create')
		).toBe(true);
	});

	it('treats filter text literally, and refuses an end date before the start', async () => {
		// `_` is a wildcard to SQL's LIKE: here it only matches an underscore.
		expect((await listAuditLog(db, admin, { action: 'directory_' })).rows).toHaveLength(0);
		await expect(listAuditLog(db, admin, { action: '%' })).rejects.toBeInstanceOf(ValidationError);
		await expect(
			listAuditLog(db, admin, { from: '2026-07-02', to: '2026-07-01' })
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('is only for admins and safeguarding leads', async () => {
		await expect(listAuditLog(db, worker, {})).rejects.toBeInstanceOf(NotAllowedError);
	});
});
