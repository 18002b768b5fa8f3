/**
 * Writing messages to a room, many at a time ("group commit"). Messages in a room must be written
 * one after another (the room's advisory lock: a larger id is always committed later, so gap-fill
 * by id is complete), and each commit waits for the disk. So instead of one transaction per
 * message, each process keeps a queue per room: while one transaction is writing, newly arrived
 * messages wait, and the next transaction writes all of them under one lock and one commit.
 *
 * Inside a batch, each message is still checked on its own, in arrival order: pacing (under its
 * author's lock, taken for every paced author in id order so two batches never deadlock, and
 * counting the messages before it in the batch); a message refused by pacing is answered with its
 * refusal and the others go on. The batch is then one INSERT; held messages get their audit entry
 * and any safeguarding alert in the same transaction. Only if the transaction itself fails is every message in it
 * answered with that error (their senders retry with the same client ids).
 */
import { sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { chatMessages, type ChatMessage, type ChatRoom } from '../db/schema';
import { raiseAlert } from '../safeguarding/alerts';
import type { ScreeningDecision } from '../safety/screen';
import { chatPacer } from './pace';

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
	const items = batch.map((w) => w.item);
	const authors = [...new Set(items.filter((i) => i.paced).map((i) => i.author.id))].sort(
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
	// Pacing, in arrival order: each message sees the ones before it in this batch.
	const pacer = await chatPacer(tx, authors, {
		longestSlowModeSeconds: Math.max(0, ...items.map((i) => i.room.slowModeSeconds)),
		now: items[items.length - 1].now
	});
	const outcomes: ({ written: Written } | { error: unknown })[] = items.map(() => ({
		written: null
	}));
	const going: number[] = [];
	items.forEach((item, index) => {
		try {
			if (item.paced)
				pacer.pace(item.author.id, {
					roomId: item.room.id,
					slowModeSeconds: item.room.slowModeSeconds,
					now: item.now
				});
			going.push(index);
		} catch (error) {
			outcomes[index] = { error }; // refused: nothing written for it, the others go on
		}
	});
	if (going.length === 0) return outcomes;
	// One statement for the whole batch; a client id already stored (a retry) is skipped.
	const inserted = await tx
		.insert(chatMessages)
		.values(
			going.map((index) => {
				const { room, author, decision, now, clientId, html } = items[index];
				return {
					roomId: room.id,
					authorId: author.id,
					clientId,
					body: decision.text,
					html,
					status: decision.action === 'publish' ? ('published' as const) : ('held' as const),
					screeningReasons: decision.reasons,
					riskLevel: decision.risk.level,
					createdAt: now
				};
			})
		)
		.onConflictDoNothing({ target: [chatMessages.authorId, chatMessages.clientId] })
		.returning();
	const byKey = new Map(inserted.map((m) => [`${m.authorId}:${m.clientId}`, m]));
	for (const index of going) {
		const item = items[index];
		const key = `${item.author.id}:${item.clientId}`;
		const message = byKey.get(key);
		byKey.delete(key); // the same message twice in one batch: the second reads it back
		if (!message) continue;
		if (message.status === 'held')
			await recordAudit(tx, {
				actorId: item.author.id,
				action: 'chat.message.held',
				targetType: 'chat_message',
				targetId: message.id,
				details: { roomId: item.room.id, reasons: item.decision.reasons }
			});
		outcomes[index] = { written: { message, alert: await alertFor(tx, item, message.id) } };
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
