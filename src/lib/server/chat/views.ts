/**
 * Messages as people see them: who wrote each (staff always marked), its words unless removed,
 * and its supportive reactions. Everyone sees published messages and the placeholders of removed
 * ones; a held message reaches only its author and staff.
 */
import {
	and,
	asc,
	desc,
	eq,
	gt,
	inArray,
	isNotNull,
	lt,
	lte,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { chatMessages, chatReactions, users, type ChatMessage } from '../db/schema';
import { isStaff, STAFF_ROLES } from '../policy';
import type { RiskLevel } from '../safety/risk';
import { noReactions, type ReactionKey } from '../../forum';
import type { ChatAuthor, ChatMessageView } from '../../chat';

export const FORMER_MEMBER = 'Former member';

const messageColumns = {
	id: chatMessages.id,
	roomId: chatMessages.roomId,
	clientId: chatMessages.clientId,
	body: chatMessages.body,
	html: chatMessages.html,
	status: chatMessages.status,
	createdAt: chatMessages.createdAt,
	authorId: chatMessages.authorId,
	authorName: users.username,
	authorRoles: users.roles
};

type MessageRow = {
	id: number;
	roomId: number;
	clientId: string;
	body: string;
	html: string;
	status: ChatMessage['status'];
	createdAt: Date;
	authorId: number | null;
	authorName: string | null;
	authorRoles: CurrentUser['roles'] | null;
};

export function authorOf(
	row: Pick<MessageRow, 'authorId' | 'authorName' | 'authorRoles'>
): ChatAuthor {
	return {
		id: row.authorId,
		name: row.authorName ?? FORMER_MEMBER,
		staff: (row.authorRoles ?? []).some((role) => STAFF_ROLES.includes(role))
	};
}

/** One message as its readers see it (reactions filled in by the caller when it has them). */
export function messageView(row: MessageRow): ChatMessageView {
	const removed = row.status === 'removed';
	return {
		id: row.id,
		roomId: row.roomId,
		clientId: row.clientId,
		body: removed ? '' : row.body,
		html: removed ? '' : row.html,
		author: authorOf(row),
		createdAt: row.createdAt.toISOString(),
		status: row.status,
		reactions: noReactions().counts,
		mine: []
	};
}

/**
 * What this viewer may see of a room's messages: what the room saw (published, and the
 * placeholders of published messages since removed), and their own.
 */
function visibleTo(viewer: CurrentUser): SQL {
	if (isStaff(viewer)) return sql`true`;
	return or(
		eq(chatMessages.status, 'published'),
		and(eq(chatMessages.status, 'removed'), eq(chatMessages.removedUnseen, false)),
		eq(chatMessages.authorId, viewer.id)
	)!;
}

function select(db: Database) {
	return db
		.select(messageColumns)
		.from(chatMessages)
		.leftJoin(users, eq(users.id, chatMessages.authorId));
}

export interface MessagePage {
	messages: ChatMessageView[];
	/** Older messages exist before the first. */
	more: boolean;
}

/**
 * The latest page (`before` absent), the page before a message (`before`), or everything after
 * one (`after`, for gap-fill, up to `limit`). Oldest first.
 */
export async function roomMessages(
	db: Database,
	viewer: CurrentUser,
	roomId: number,
	{ before, after, limit }: { before?: number; after?: number; limit: number }
): Promise<MessagePage> {
	const where = and(
		eq(chatMessages.roomId, roomId),
		visibleTo(viewer),
		after !== undefined ? gt(chatMessages.id, after) : undefined,
		before !== undefined ? lt(chatMessages.id, before) : undefined
	);
	if (after !== undefined) {
		const rows = await select(db).where(where).orderBy(asc(chatMessages.id)).limit(limit);
		const messages = await withReactions(db, viewer, rows.map(messageView));
		return { messages, more: false };
	}
	const rows = await select(db)
		.where(where)
		.orderBy(desc(chatMessages.id))
		.limit(limit + 1);
	const more = rows.length > limit;
	const page = rows.slice(0, limit).reverse();
	return { messages: await withReactions(db, viewer, page.map(messageView)), more };
}

/**
 * For a client rejoining after a break: among messages it had already seen (id ≤ since), those a
 * youth worker approved or removed in the last few hours.
 */
export async function recentlyModerated(
	db: Database,
	viewer: CurrentUser,
	roomId: number,
	since: number,
	now: Date
): Promise<{ approved: ChatMessageView[]; removedIds: number[] }> {
	const rows = await select(db)
		.where(
			and(
				eq(chatMessages.roomId, roomId),
				isNotNull(chatMessages.moderatedAt),
				gt(chatMessages.moderatedAt, new Date(now.getTime() - 6 * 3_600_000)),
				lte(chatMessages.id, since),
				visibleTo(viewer)
			)
		)
		.orderBy(asc(chatMessages.id))
		.limit(500);
	const approved = rows.filter((r) => r.status === 'published').map(messageView);
	return {
		approved: await withReactions(db, viewer, approved),
		removedIds: rows.filter((r) => r.status === 'removed').map((r) => r.id)
	};
}

export async function loadMessageView(db: Database, id: number): Promise<ChatMessageView | null> {
	const [row] = await select(db).where(eq(chatMessages.id, id));
	return row ? messageView(row) : null;
}

/** Every send checks it first (a retry finds the first send): prepared once per database. */
const byClientIdQuery = preparedQuery((db) =>
	db
		.select({ ...messageColumns, riskLevel: chatMessages.riskLevel })
		.from(chatMessages)
		.leftJoin(users, eq(users.id, chatMessages.authorId))
		.where(
			and(
				eq(chatMessages.authorId, sql.placeholder('authorId')),
				eq(chatMessages.clientId, sql.placeholder('clientId'))
			)
		)
		.prepare('chat_message_by_client_id')
);

/** The message this author sent with this client id, if any, and the risk found in it. */
export async function messageByClientId(
	db: Database,
	authorId: number,
	clientId: string
): Promise<{ message: ChatMessageView; riskLevel: RiskLevel } | null> {
	const [row] = await byClientIdQuery(db).execute({ authorId, clientId });
	return row ? { message: messageView(row), riskLevel: row.riskLevel } : null;
}

/**
 * Live delivery happens after commit, so two messages committed a moment apart can reach a
 * browser in the other order. A rejoin therefore re-sends this many messages up to `since` as
 * well (the client keeps one copy of each id): more than can be in flight at once (a pool of 10
 * connections per instance).
 */
export const GAP_FILL_OVERLAP = 50;

/** The id to gap-fill after: `since`, moved back over the last GAP_FILL_OVERLAP messages. */
export async function gapFillFloor(db: Database, roomId: number, since: number): Promise<number> {
	const rows = await db
		.select({ id: chatMessages.id })
		.from(chatMessages)
		.where(and(eq(chatMessages.roomId, roomId), lte(chatMessages.id, since)))
		.orderBy(desc(chatMessages.id))
		.limit(GAP_FILL_OVERLAP);
	return rows.length ? rows[rows.length - 1].id - 1 : since;
}

/** Fills in each message's reaction counts and which are the viewer's own (one query). */
export async function withReactions(
	db: Database,
	viewer: CurrentUser,
	messages: ChatMessageView[]
): Promise<ChatMessageView[]> {
	const ids = messages.filter((m) => m.status === 'published').map((m) => m.id);
	if (ids.length === 0) return messages;
	const rows = await db
		.select({
			messageId: chatReactions.messageId,
			kind: chatReactions.kind,
			count: sql<number>`count(*)::int`,
			mine: sql<boolean>`bool_or(${chatReactions.userId} = ${viewer.id})`
		})
		.from(chatReactions)
		.where(inArray(chatReactions.messageId, ids))
		.groupBy(chatReactions.messageId, chatReactions.kind);
	const byMessage = new Map<number, typeof rows>();
	for (const row of rows)
		byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
	return messages.map((message) => {
		const found = byMessage.get(message.id);
		if (!found) return message;
		const counts = { ...message.reactions };
		const mine: ReactionKey[] = [];
		for (const r of found) {
			counts[r.kind] = r.count;
			if (r.mine) mine.push(r.kind);
		}
		return { ...message, reactions: counts, mine };
	});
}

/** The newest message id in a room that this viewer can see (0 for none). */
export async function latestMessageId(db: Database, roomId: number): Promise<number> {
	const [row] = await db
		.select({ id: chatMessages.id })
		.from(chatMessages)
		.where(eq(chatMessages.roomId, roomId))
		.orderBy(desc(chatMessages.id))
		.limit(1);
	return row?.id ?? 0;
}
