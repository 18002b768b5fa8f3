/**
 * Chat messages are deleted once older than the retention setting (`chatRetentionDays`, default
 * 90), with their reactions. A message is kept, whatever its age, while something refers to it: a
 * member's report of it (which also holds a copy of the conversation around it), or a safeguarding
 * alert that is not resolved or a case that is not closed whose evidence it is. Evidence snapshots
 * are copies made when the alert was raised; they are never touched here. Each run that deletes
 * anything writes one audit entry with how many.
 */
import { and, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { chatMessages, chatReports } from '../db/schema';
import { evidenceInUse } from '../forum/retention';
import { log } from '../log';
import { getSettings } from '../settings';

export async function purgeOldMessages(
	db: Database,
	now = new Date()
): Promise<{ deleted: number; retentionDays: number }> {
	const { chatRetentionDays: retentionDays } = await getSettings(db);
	const before = new Date(now.getTime() - retentionDays * 86_400_000);
	const deleted = await db.transaction(async (tx) => {
		const gone = await tx
			.delete(chatMessages)
			.where(
				and(
					lt(chatMessages.createdAt, before),
					sql`not exists (select 1 from ${chatReports} r where r.message_id = ${chatMessages.id})`,
					sql`not ${evidenceInUse('chat_message', sql`${chatMessages.id}`)}`
				)
			)
			.returning({ id: chatMessages.id });
		if (gone.length)
			await recordAudit(tx, {
				actorId: null,
				action: 'chat.retention.purge',
				targetType: 'chat_message',
				details: { count: gone.length, retentionDays, before: before.toISOString() }
			});
		return gone.length;
	});
	if (deleted) log.info({ deleted, retentionDays }, 'deleted old chat messages');
	return { deleted, retentionDays };
}
