/** In-app notifications: stored (so nothing is missed while offline) and pushed live. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { notifications } from '../db/schema';
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

export async function listNotifications(db: Database, userId: number, limit = 50) {
	return db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt))
		.limit(limit);
}

export async function markAllRead(db: Database, userId: number) {
	await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
