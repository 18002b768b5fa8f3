/** In-app notifications: stored (so nothing is missed while offline) and pushed live. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { forumThreads, notifications } from '../db/schema';
import { publisher } from '../realtime/publisher';

export interface NewNotification {
	kind: string;
	title: string;
	body?: string;
	link?: string;
}

/** Inside the caller's transaction; call `pushNotifications` with the result after commit. */
export async function storeNotifications(
	db: Pick<Database, 'insert'>,
	userIds: number[],
	n: NewNotification
) {
	if (userIds.length === 0) return [];
	return db
		.insert(notifications)
		.values(
			[...new Set(userIds)].map((userId) => ({
				userId,
				kind: n.kind,
				title: n.title,
				body: n.body,
				link: n.link
			}))
		)
		.returning();
}

export function pushNotifications(rows: (typeof notifications.$inferSelect)[]) {
	for (const row of rows) {
		publisher().publish(`user:${row.userId}`, 'notification', {
			id: row.id,
			kind: row.kind,
			title: row.title,
			body: row.body,
			link: row.link,
			createdAt: row.createdAt.toISOString()
		});
	}
}

export async function unreadCount(db: Database, userId: number): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
	return row?.n ?? 0;
}

/** What a reply notification says once its conversation is no longer there for members. */
export const REPLY_IN_REMOVED_THREAD = 'A reply in a conversation that has since been removed';
/** …or while it waits for a youth worker again (its opening post was edited and held). */
export const REPLY_IN_HELD_THREAD = 'A reply in a conversation that is waiting for a youth worker';

/**
 * Someone's latest notifications. A reply notification names its conversation as it was then; if
 * a youth worker has since hidden or removed the conversation (its title may be why), its words
 * were erased, or it waits for a youth worker again, it no longer says the title or links to it.
 */
export async function listNotifications(db: Database, userId: number, limit = 50) {
	const rows = await db
		.select({
			notification: notifications,
			threadStatus: forumThreads.status
		})
		.from(notifications)
		.leftJoin(
			forumThreads,
			and(
				eq(notifications.kind, 'forum_reply'),
				sql`${forumThreads.id} = substring(${notifications.link} from '^/forum/t/([0-9]{1,9})')::int`
			)
		)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt))
		.limit(limit);
	return rows.map(({ notification, threadStatus }) =>
		notification.kind === 'forum_reply' && threadStatus !== 'published'
			? {
					...notification,
					title: threadStatus === 'held' ? REPLY_IN_HELD_THREAD : REPLY_IN_REMOVED_THREAD,
					link: null
				}
			: notification
	);
}

export async function markAllRead(db: Database, userId: number) {
	await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
