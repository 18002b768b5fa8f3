/**
 * Sending a chat message: validate → read the sender as they are now, the room and any earlier
 * send with this client id, in one statement (send-context.ts; a retry answers as before) →
 * authorise (may enter the room; may write in it now) → screen → not muted (unless the words show
 * risk: then held, see safety/while-muted.ts) → write with the room's other waiting messages
 * (room-writer.ts: pace under the author's lock unless the words raised an alert; the room's
 * lock, so ids rise in commit order within a room; audit and alert when held) → after commit,
 * broadcast (published) or tell its author and staff (held) → answer.
 * Persist first, then acknowledge, then broadcast.
 */
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { config } from '../config';
import { chatBodySchema } from '../content/limits';
import { renderPostHtml } from '../content/render';
import type { Database } from '../db';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { signpostingPanel, type SignpostingNeed } from '../forum/post-safety';
import { log } from '../log';
import { assertMayPost, isStaff, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import { announceAlert } from '../safeguarding/alerts';
import { screen, signpostingFor } from '../safety/screen';
import { heldWhileMuted } from '../safety/while-muted';
import type { RiskLevel } from '../safety/risk';
import { CHAT_EVENTS, CLIENT_ID_PATTERN, type ChatMessageView, type SendReply } from '../../chat';
import { FORUM_EVENTS } from '../../forum';
import { assertMayEnter, muteRefusal, NO_SUCH_ROOM, writeRefusal } from './access';
import { presenceIn } from './presence';
import { writeMessage } from './room-writer';
import { loadSendContext, SessionEndedError } from './send-context';
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

export const HELD_IN_CHAT =
	'Thanks for sharing. A youth worker will read your message before the room sees it.';

export async function sendMessage(
	db: Database,
	sender: CurrentUser,
	input: unknown,
	{
		now = new Date(),
		onAuthor
	}: {
		now?: Date;
		/** Told the sender as they are now (re-read here, with the room: see send-context.ts). */
		onAuthor?: (author: CurrentUser) => void;
	} = {}
): Promise<SendReply> {
	const data = parseOrThrow(sendSchema, input);
	const { author, access, earlier } = await loadSendContext(db, sender, data);
	if (!author) throw new SessionEndedError();
	onAuthor?.(author);
	// A retry answers as before, even if the room went meanwhile.
	if (earlier) return repeatReply(db, earlier, data.roomId);
	if (!access) throw new NotFoundError(NO_SUCH_ROOM);
	assertMayEnter(author, access);
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	const refusal = writeRefusal(author, access, now);
	if (refusal) throw new NotAllowedError(refusal);

	const screened = await screen(db, {
		text: data.body,
		author,
		context: { kind: 'chat_message' }
	});
	// Muted: refused as before, unless the words show risk (then held, never published, alerted).
	const decision = heldWhileMuted(screened, muteRefusal(author, access, now));
	if (decision.action === 'block')
		throw new NotAllowedError(
			decision.authorMessage ?? 'This could not be sent. Please reword it.'
		);
	const status = decision.action === 'publish' ? 'published' : 'held';
	const html = renderPostHtml(decision.text, { siteOrigin: config().ORIGIN });
	// Pacing never stands between someone at risk and a youth worker.
	const paced = !decision.alert && !isStaff(author);

	const written = await writeMessage(db, {
		room: access.room,
		author,
		clientId: data.clientId,
		html,
		decision,
		paced,
		now
	});

	if (!written) {
		const stored = await messageByClientId(db, author.id, data.clientId);
		if (stored) return repeatReply(db, stored, data.roomId);
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
		help: await helpFor(db, decision, access.room.id)
	};
}

/**
 * The crisis panel for the sender. The duty rota may say nobody is on duty while a youth worker
 * is in this very room (they see held messages here): then say that, not "offline".
 */
async function helpFor(db: Database, decision: SignpostingNeed, roomId: number) {
	const panel = await signpostingPanel(db, decision);
	if (!panel || panel.staff.onDuty) return panel;
	const { staffPresent } = await presenceIn(roomId);
	if (staffPresent === 0) return panel;
	return {
		...panel,
		staff: { onDuty: true, message: 'A youth worker is in this room now and can see your message.' }
	};
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

/**
 * A retry answers as the first send did: the same message, never a second copy, and the crisis
 * panel again if the words showed risk (the first answer may never have arrived).
 */
async function repeatReply(
	db: Database,
	{ message, riskLevel }: { message: ChatMessageView; riskLevel: RiskLevel },
	roomId: number
): Promise<SendReply> {
	if (message.roomId !== roomId)
		throw new ValidationError({
			clientId: 'That message id was already used for another message. Send it again as new.'
		});
	return {
		status: message.status === 'held' ? 'held' : 'published',
		message,
		notice: message.status === 'held' ? HELD_IN_CHAT : null,
		help: await helpFor(
			db,
			{ signposting: signpostingFor(riskLevel), risk: { level: riskLevel } },
			message.roomId
		)
	};
}
