/**
 * Sending a chat message: validate → (a retry of one already stored answers as before) →
 * authorise (may enter the room; may write in it now; not muted) → screen → pace under the
 * author's lock (unless the words raised an alert) → write under the room's lock (ids rise in
 * commit order within a room), audit and alert when held → after commit, broadcast (published)
 * or tell its author and staff (held) → answer. Persist first, then acknowledge, then broadcast.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { chatBodySchema } from '../content/limits';
import { renderPostHtml } from '../content/render';
import type { Database } from '../db';
import { chatMessages, type ChatRoom } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { signpostingPanel } from '../forum/post-safety';
import { log } from '../log';
import { assertMayPost, isStaff, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import { announceAlert, raiseAlert } from '../safeguarding/alerts';
import { screen, type ScreeningDecision } from '../safety/screen';
import { CHAT_EVENTS, CLIENT_ID_PATTERN, type ChatMessageView, type SendReply } from '../../chat';
import { FORUM_EVENTS } from '../../forum';
import { assertMayEnter, loadRoomAccess, writeRefusal } from './access';
import { assertChatPace } from './pace';
import { messageByClientId, messageView } from './views';

const roomIdSchema = z
	.number({ message: 'Say which room.' })
	.int('Say which room.')
	.positive('Say which room.')
	.max(2_147_483_647, 'Say which room.');

export const sendSchema = z.object({
	roomId: roomIdSchema,
	clientId: z
		.string({ message: 'The message needs an id from your device.' })
		.regex(CLIENT_ID_PATTERN, 'The message id from your device is not valid.'),
	body: chatBodySchema
});

export type SendInput = z.input<typeof sendSchema>;

export { roomIdSchema };

/** Advisory lock namespaces ('Chat', 'ChtA'): one writer per room, one per author. */
export const ROOM_LOCK = 0x43686174;
const AUTHOR_LOCK = 0x43687441;

export const HELD_IN_CHAT =
	'Thanks for sharing. A youth worker will read your message before the room sees it.';

export async function sendMessage(
	db: Database,
	author: CurrentUser,
	input: unknown,
	{ now = new Date() }: { now?: Date } = {}
): Promise<SendReply> {
	const data = parseOrThrow(sendSchema, input);
	const earlier = await messageByClientId(db, author.id, data.clientId);
	if (earlier) return repeatReply(earlier, data.roomId);

	const access = await loadRoomAccess(db, author, data.roomId);
	assertMayEnter(author, access);
	assertMayPost(author);
	const refusal = writeRefusal(author, access, now);
	if (refusal) throw new NotAllowedError(refusal);

	const decision = await screen(db, {
		text: data.body,
		author,
		context: { kind: 'chat_message' }
	});
	if (decision.action === 'block')
		throw new NotAllowedError(
			decision.authorMessage ?? 'This could not be sent. Please reword it.'
		);
	const status = decision.action === 'publish' ? 'published' : 'held';
	const html = renderPostHtml(decision.text, { siteOrigin: config().ORIGIN });
	// Pacing never stands between someone at risk and a youth worker.
	const paced = !decision.alert && !isStaff(author);
	const { room } = access;

	const written = await db.transaction(async (tx) => {
		// The author's lock first (pacing: messages sent at once cannot slip past together), then
		// the room's, held from the insert to the commit (ids rise in commit order within a room).
		if (paced)
			await afterLock(
				tx,
				sql`select pg_advisory_xact_lock(${AUTHOR_LOCK}::int, ${author.id}::int)`,
				() =>
					assertChatPace(tx, author, {
						roomId: room.id,
						slowModeSeconds: room.slowModeSeconds,
						now
					})
			);
		const [message] = await afterLock(
			tx,
			sql`select pg_advisory_xact_lock(${ROOM_LOCK}::int, ${room.id}::int)`,
			() =>
				tx
					.insert(chatMessages)
					.values({
						roomId: room.id,
						authorId: author.id,
						clientId: data.clientId,
						body: decision.text,
						html,
						status,
						screeningReasons: decision.reasons,
						riskLevel: decision.risk.level,
						createdAt: now
					})
					.onConflictDoNothing({ target: [chatMessages.authorId, chatMessages.clientId] })
					.returning()
		);
		if (!message) return null; // the same message, sent twice at once: the other one stored it
		if (status === 'held')
			await recordAudit(tx, {
				actorId: author.id,
				action: 'chat.message.held',
				targetType: 'chat_message',
				targetId: message.id,
				details: { roomId: room.id, reasons: decision.reasons }
			});
		const alert = await raiseAlertForMessage(tx, decision, { id: message.id, author, room });
		return { message, alert };
	});

	if (!written) {
		const stored = await messageByClientId(db, author.id, data.clientId);
		if (stored) return repeatReply(stored, data.roomId);
		throw new Error('a message that conflicted on its client id could not be found');
	}
	// Straight after commit, before anything else is awaited, so live order follows commit order
	// as closely as it can (gap-fill covers the rest: see GAP_FILL_OVERLAP).
	const view = messageView({
		...written.message,
		authorName: author.username,
		authorRoles: author.roles
	});
	announceMessage(view);
	if (written.alert)
		await announceAlert(db, written.alert).catch((error) =>
			log.error({ err: error, alertId: written.alert?.alertId }, 'could not announce alert')
		);
	return {
		status,
		message: view,
		notice: status === 'held' ? HELD_IN_CHAT : null,
		help: await signpostingPanel(db, decision)
	};
}

/**
 * Takes `lock` and runs `query` in one round trip: both go out at once on the transaction's
 * connection (the lock's statement is sent first, the query queued behind it, and PostgreSQL runs
 * them in order), so the query starts the moment the lock is granted instead of after a trip back
 * to this process. A room's lock is waited for by every message sent to it: this keeps it short.
 */
async function afterLock<T>(tx: Database, lock: SQL, query: () => PromiseLike<T>): Promise<T> {
	const locked = tx.execute(lock).then(() => undefined); // `then` sends it now, before `query`
	const [, result] = await Promise.all([locked, query()]);
	return result;
}

/** Published → the room; held → its author's other tabs and staff in the room, and the queue. */
export function announceMessage(view: ChatMessageView): void {
	const live = publisher();
	if (view.status === 'published') {
		live.publish(`room:${view.roomId}`, CHAT_EVENTS.message, view);
		return;
	}
	if (view.author.id !== null) live.publish(`user:${view.author.id}`, CHAT_EVENTS.message, view);
	live.publish(`room:${view.roomId}:staff`, CHAT_EVENTS.message, view);
	live.publish('staff', FORUM_EVENTS.queueChanged, {});
}

/** A retry answers as the first send did: the same message, never a second copy. */
function repeatReply(stored: ChatMessageView, roomId: number): SendReply {
	if (stored.roomId !== roomId)
		throw new ValidationError({
			clientId: 'That message id was already used for another message. Send it again as new.'
		});
	return {
		status: stored.status === 'held' ? 'held' : 'published',
		message: stored,
		notice: stored.status === 'held' ? HELD_IN_CHAT : null,
		help: null
	};
}

async function raiseAlertForMessage(
	tx: Database,
	decision: ScreeningDecision,
	{ id, author, room }: { id: number; author: CurrentUser; room: ChatRoom }
) {
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
