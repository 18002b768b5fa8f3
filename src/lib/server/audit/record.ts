/** Writes one append-only audit entry, inside the caller's transaction. */
import type { Database } from '../db';
import { auditLog } from '../db/schema';

export interface AuditEntry {
	actorId: number | null;
	action: string;
	targetType?: string;
	targetId?: string | number;
	details?: Record<string, unknown>;
}

export async function recordAudit(db: Pick<Database, 'insert'>, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values({
		actorId: entry.actorId,
		action: entry.action,
		targetType: entry.targetType,
		targetId: entry.targetId === undefined ? undefined : String(entry.targetId),
		details: entry.details ?? {}
	});
}
