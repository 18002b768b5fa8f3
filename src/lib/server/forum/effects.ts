/**
 * After a forum write commits: tell whoever should know, and nobody else. Published posts go to
 * the thread's room; held ones only to their author (and the staff queue hears that it changed);
 * a safeguarding alert goes to on-duty staff; followers' notifications are pushed; a category's
 * open lists hear that there is something new (published only).
 */
import type { Database } from '../db';
import type { notifications } from '../db/schema';
import { log } from '../log';
import { pushNotifications } from '../notifications/notify';
import { publisher } from '../realtime/publisher';
import { announceAlert, announceAlertNote, type addAlertNote } from '../safeguarding/alerts';
import {
	FORUM_EVENTS,
	type CategoryActivityEvent,
	type PostChangedEvent,
	type PostView
} from '../../forum';
import type { RaisedAlert } from './post-safety';

export interface AfterCommit {
	/** A post to show: published → the thread's room; otherwise its author only. */
	post?: { view: PostView; threadPublished: boolean };
	/** A post that changed or went (edited, removed, hidden): watchers refetch it. */
	changed?: PostChangedEvent & { authorId: number | null; wasPublic: boolean };
	/** Safeguarding alerts raised (a report can raise two: about its author, about the reporter). */
	alert?: RaisedAlert | null | (RaisedAlert | null)[];
	/** More said about an alert still open (a repeat worried report): staff see it on the alert. */
	alertNote?: Awaited<ReturnType<typeof addAlertNote>>;
	notifications?: (typeof notifications.$inferSelect)[];
	queueChanged?: boolean;
	/** Something new in a category's list: see categoryActivity (public activity only). */
	activity?: CategoryActivityEvent;
}

/**
 * What a category's open lists hear about a post just written or approved: only a published
 * post in a published conversation (a new conversation if it opened one), else nothing.
 */
export function categoryActivity(
	post: { id: number; status: string },
	thread: { id: number; categoryId: number; published: boolean; opening: boolean }
): CategoryActivityEvent | undefined {
	if (post.status !== 'published' || !thread.published) return undefined;
	return {
		categoryId: thread.categoryId,
		threadId: thread.id,
		postId: post.id,
		kind: thread.opening ? 'thread' : 'reply'
	};
}

export async function announceForumWrite(db: Database, effects: AfterCommit): Promise<void> {
	for (const alert of [effects.alert ?? []].flat()) {
		if (!alert) continue;
		// First, and awaited: it is the urgent one. The alert is committed, so if announcing fails
		// here the server's sweep announces it within seconds.
		await announceAlert(db, alert).catch((error) =>
			log.error({ err: error, alertId: alert.alertId }, 'could not announce alert')
		);
	}
	announceAlertNote(effects.alertNote ?? null);
	const live = publisher();
	const { post, changed } = effects;
	if (post) {
		if (post.view.status === 'published' && post.threadPublished)
			live.publish(`thread:${post.view.threadId}`, FORUM_EVENTS.post, post.view);
		else if (post.view.author.id !== null)
			live.publish(`user:${post.view.author.id}`, FORUM_EVENTS.post, post.view);
	}
	if (changed) {
		const event: PostChangedEvent = { threadId: changed.threadId, postId: changed.postId };
		if (changed.wasPublic)
			live.publish(`thread:${changed.threadId}`, FORUM_EVENTS.postChanged, event);
		if (changed.authorId !== null)
			live.publish(`user:${changed.authorId}`, FORUM_EVENTS.postChanged, event);
	}
	if (effects.activity)
		live.publish(
			`category:${effects.activity.categoryId}`,
			FORUM_EVENTS.categoryActivity,
			effects.activity
		);
	if (effects.queueChanged) live.publish('staff', FORUM_EVENTS.queueChanged, {});
	if (effects.notifications?.length) pushNotifications(effects.notifications);
}
