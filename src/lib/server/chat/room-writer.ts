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
 *
 * A batch with nothing to pace, audit or alert (youth workers' published messages) needs no
 * transaction around its INSERT: the statement takes the room's lock itself and commits alone.
 */
import { sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { chatMessages, type ChatMessage, type ChatRoom } from '../db/schema';
import { raiseAlert, raiseScreeningAlert } from '../safeguarding/alerts';
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
			const outcomes = batch.some(({ item }) => needsTransaction(item))
				? await db.transaction((tx) => writeBatch(tx, roomId, batch))
				: await writeAlone(db, roomId, batch);
			outcomes.forEach((outcome, i) =>
				'error' in outcome ? batch[i].reject(outcome.error) : batch[i].resolve(outcome.written)
			);
		} catch (error) {
			for (const waiting of batch) waiting.reject(error);
		}
	}
	queues.delete(roomId);
}

type Outcome = { written: Written } | { error: unknown };

/** Pacing, an audit entry (held) or an alert make a batch more than its insert. */
function needsTransaction({ paced, decision }: MessageToWrite): boolean {
	return paced || decision.action !== 'publish' || decision.alert;
}

/**
 * Nothing in the batch to pace, audit or alert (published messages from staff): the insert is the
 * whole write, and one statement is a transaction by itself, so it goes alone: one round trip.
 */
async function writeAlone(db: Database, roomId: number, batch: Waiting[]): Promise<Outcome[]> {
	const items = batch.map((w) => w.item);
	const stored = await insertMessages(db, roomId, items);
	return items.map((item) => {
		const message = takeStored(stored, item);
		return { written: message && { message, alert: null } };
	});
}

async function writeBatch(tx: Database, roomId: number, batch: Waiting[]): Promise<Outcome[]> {
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
	const outcomes: Outcome[] = items.map(() => ({
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
	const stored = await insertMessages(
		tx,
		roomId,
		going.map((index) => items[index])
	);
	for (const index of going) {
		const item = items[index];
		const message = takeStored(stored, item);
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

/**
 * One statement for the whole batch, the same text whatever its size (the rows go as one JSON
 * parameter), so each connection prepares it once. It takes the room's lock before any row gets
 * its id (the lock is the outer side of the join the ids are drawn in); within a transaction that
 * already holds it, taking it again is immediate. A client id already stored (a retry) is skipped.
 * Returns what was stored, by author and client id.
 */
async function insertMessages(
	db: Database,
	roomId: number,
	items: MessageToWrite[]
): Promise<Map<string, ChatMessage>> {
	const rows = items.map(({ author, clientId, decision, html, now }) => ({
		author_id: author.id,
		client_id: clientId,
		body: decision.text,
		html,
		status: statusOf(decision),
		screening_reasons: decision.reasons,
		risk_level: decision.risk.level,
		created_at: now.toISOString()
	}));
	const inserted = (await db.execute(sql`
		with room_lock as materialized (
			select pg_advisory_xact_lock(${ROOM_LOCK}::int, ${roomId}::int)
		)
		insert into ${chatMessages} (room_id, author_id, client_id, body, html, status,
			screening_reasons, risk_level, created_at)
		select ${roomId}::int, m.author_id, m.client_id, m.body, m.html, m.status,
			m.screening_reasons, m.risk_level, m.created_at
		from room_lock, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(author_id int,
			client_id text, body text, html text, status text, screening_reasons text[],
			risk_level text, created_at timestamptz)
		on conflict (author_id, client_id) do nothing
		returning id::float8 as id, author_id, client_id`)) as unknown as {
		id: number;
		author_id: number;
		client_id: string;
	}[];
	const byKey = new Map(items.map((item) => [keyOf(item.author.id, item.clientId), item]));
	const stored = new Map<string, ChatMessage>();
	for (const row of inserted) {
		const key = keyOf(row.author_id, row.client_id);
		const { author, clientId, decision, html, now } = byKey.get(key)!;
		stored.set(key, {
			id: Number(row.id),
			roomId,
			authorId: author.id,
			clientId,
			body: decision.text,
			html,
			status: statusOf(decision),
			screeningReasons: decision.reasons,
			riskLevel: decision.risk.level,
			createdAt: now,
			moderatedById: null,
			moderatedAt: null,
			removedReason: null,
			removedUnseen: false
		});
	}
	return stored;
}

const keyOf = (authorId: number, clientId: string) => `${authorId}:${clientId}`;

const statusOf = (decision: ScreeningDecision) =>
	decision.action === 'publish' ? ('published' as const) : ('held' as const);

/**
 * This message as stored, or null: its client id was stored before (a retry; the caller reads
 * it back). The same message twice in one batch: the first takes it, the second reads it back.
 */
function takeStored(stored: Map<string, ChatMessage>, item: MessageToWrite): ChatMessage | null {
	const key = keyOf(item.author.id, item.clientId);
	const message = stored.get(key) ?? null;
	stored.delete(key);
	return message;
}

async function alertFor(tx: Database, { decision, author, room }: MessageToWrite, id: number) {
	return raiseScreeningAlert(tx, decision, author, {
		contentType: 'chat_message',
		contentId: id,
		text: decision.text,
		context: {
			roomId: room.id,
			roomName: room.name,
			screeningReasons: decision.reasons,
			link: `/chat/${room.id}#message-${id}`
		}
	});
}
