/**
 * Writing messages to a room, many at a time ("group commit"). Messages in a room must be written
 * one after another (the room's advisory lock: a larger id is always committed later, so gap-fill
 * by id is complete), and each commit waits for the disk. So instead of one transaction per
 * message, each process keeps a queue per room: while one transaction is writing, newly arrived
 * messages wait, and the next transaction writes all of them under one lock and one commit.
 *
 * Inside a batch, each message is still checked on its own, in arrival order: pacing (with its
 * author's lock, taken for every paced author in id order so two batches never deadlock) sees the
 * messages written earlier in the same transaction; a message refused by pacing is answered with
 * its refusal and the others go on; held messages get their audit entry and any safeguarding
 * alert in the same transaction. Only if the transaction itself fails is every message in it
 * answered with that error (their senders retry with the same client ids).
 */
import { sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { chatMessages, type ChatMessage, type ChatRoom } from '../db/schema';
import { raiseAlert } from '../safeguarding/alerts';
import type { ScreeningDecision } from '../safety/screen';
import { assertChatPace } from './pace';

/** Advisory lock namespaces ('Chat', 'ChtA'): one writer per room, one per author. */
export const ROOM_LOCK = 0x43686174;
const AUTHOR_LOCK = 0x43687441;
/** At most this many messages in one transaction. */
const MAX_BATCH = 100;

export interface MessageToWrite {
	room: ChatRoom;
	author: CurrentUser;
	clientId: string;
	html: string;
	decision: ScreeningDecision;
	/** Checked against the pace limits (not for staff, nor for words that raised an alert). */
	paced: boolean;
	now: Date;
}

export type Written = {
	message: ChatMessage;
	alert: Awaited<ReturnType<typeof raiseAlert>> | null;
} | null; // null: the same client id was stored a moment ago (the caller reads it back)

interface Waiting {
	item: MessageToWrite;
	resolve: (written: Written) => void;
	reject: (error: unknown) => void;
}

const queues = new Map<number, Waiting[]>();

/** Queue a message for its room; resolves once it is committed (or refused). */
export function writeMessage(db: Database, item: MessageToWrite): Promise<Written> {
	return new Promise((resolve, reject) => {
		const roomId = item.room.id;
		const queue = queues.get(roomId);
		if (queue) {
			queue.push({ item, resolve, reject }); // a writer is busy with this room: next batch
			return;
		}
		queues.set(roomId, [{ item, resolve, reject }]);
		void drain(db, roomId);
	});
}

async function drain(db: Database, roomId: number) {
	const queue = queues.get(roomId)!;
	while (queue.length) {
		const batch = queue.splice(0, MAX_BATCH);
		try {
			const outcomes = await db.transaction((tx) => writeBatch(tx, roomId, batch));
			outcomes.forEach((outcome, i) =>
				'error' in outcome ? batch[i].reject(outcome.error) : batch[i].resolve(outcome.written)
			);
		} catch (error) {
			for (const waiting of batch) waiting.reject(error);
		}
	}
	queues.delete(roomId);
}

async function writeBatch(
	tx: Database,
	roomId: number,
	batch: Waiting[]
): Promise<({ written: Written } | { error: unknown })[]> {
	const authors = [...new Set(batch.filter((w) => w.item.paced).map((w) => w.item.author.id))].sort(
		(a, b) => a - b
	);
	await tx.execute(
		sql`select ${sql.join(
			[
				sql`pg_advisory_xact_lock(${ROOM_LOCK}::int, ${roomId}::int)`,
				...authors.map((id) => sql`pg_advisory_xact_lock(${AUTHOR_LOCK}::int, ${id}::int)`)
			],
			sql`, `
		)}`
	);
	const outcomes: ({ written: Written } | { error: unknown })[] = [];
	for (const { item } of batch) {
		const { room, author, decision, now } = item;
		if (item.paced) {
			try {
				await assertChatPace(tx, author, {
					roomId: room.id,
					slowModeSeconds: room.slowModeSeconds,
					now
				});
			} catch (error) {
				outcomes.push({ error }); // refused: nothing written for it, the others go on
				continue;
			}
		}
		const status = decision.action === 'publish' ? 'published' : 'held';
		const [message] = await tx
			.insert(chatMessages)
			.values({
				roomId: room.id,
				authorId: author.id,
				clientId: item.clientId,
				body: decision.text,
				html: item.html,
				status,
				screeningReasons: decision.reasons,
				riskLevel: decision.risk.level,
				createdAt: now
			})
			.onConflictDoNothing({ target: [chatMessages.authorId, chatMessages.clientId] })
			.returning();
		if (!message) {
			outcomes.push({ written: null });
			continue;
		}
		if (status === 'held')
			await recordAudit(tx, {
				actorId: author.id,
				action: 'chat.message.held',
				targetType: 'chat_message',
				targetId: message.id,
				details: { roomId: room.id, reasons: decision.reasons }
			});
		outcomes.push({ written: { message, alert: await alertFor(tx, item, message.id) } });
	}
	return outcomes;
}

async function alertFor(tx: Database, { decision, author, room }: MessageToWrite, id: number) {
	if (!decision.alert) return null;
	return raiseAlert(tx, {
		level: decision.risk.level === 'imminent' ? 'imminent' : 'high',
		source: 'screening',
		categories: decision.risk.categories,
		reasons: decision.risk.reasons.length ? decision.risk.reasons : decision.reasons,
		subject: { id: author.id, username: author.username },
		evidence: {
			contentType: 'chat_message',
			contentId: id,
			text: decision.text,
			context: {
				roomId: room.id,
				roomName: room.name,
				screeningReasons: decision.reasons,
				link: `/chat/${room.id}#message-${id}`
			}
		}
	});
}
