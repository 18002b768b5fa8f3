/**
 * What members do with each other's messages: supportive reactions (counts for everyone, live),
 * and reports. A report carries the ten messages before the reported one, as they were, so a
 * youth worker sees the conversation even if messages are later removed or purged. "I'm worried
 * about this person" raises a safeguarding alert with that conversation as evidence, also after
 * an earlier report of the same message (forum/worried-repeat.ts). The note is screened for the
 * reporter's own safety (forum/report-note.ts): at high or imminent risk an alert about them and
 * the crisis panel in the answer. The reporter is thanked and never told the outcome; the author
 * never learns who reported.
 */
import { and, desc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import {
	chatMessages,
	chatReactions,
	chatReports,
	REACTION_KINDS,
	users,
	type ReportedContextMessage
} from '../db/schema';
import { NotFoundError, parseOrThrow } from '../errors';
import { reportReasonFields, REPORT_THANKS } from '../forum/report';
import { raiseAlertForNote, reportNotePanel, screenReportNote } from '../forum/report-note';
import { repeatDetails, worriedAgain } from '../forum/worried-repeat';
import { log } from '../log';
import { authorise, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import { announceAlert, announceAlertNote, raiseAlert } from '../safeguarding/alerts';
import { CHAT_EVENTS, type ChatReportReply, type ReactionsEvent } from '../../chat';
import { FORUM_EVENTS, noReactions, type ReactionCounts, type ReactionKey } from '../../forum';
import { assertMayEnter, loadRoomAccess } from './access';
import { roomIdSchema } from './send';
import { authorOf } from './views';

const messageId = z
	.number({ message: 'Say which message.' })
	.int()
	.positive()
	.max(Number.MAX_SAFE_INTEGER);

const reactSchema = z.object({
	roomId: roomIdSchema,
	messageId,
	kind: z.enum(REACTION_KINDS, { message: 'Choose one of the reactions offered.' })
});

const NOT_HERE = 'That message is not in this room any more.';

async function publishedMessage(db: Database, roomId: number, id: number) {
	const [message] = await db
		.select()
		.from(chatMessages)
		.where(
			and(
				eq(chatMessages.id, id),
				eq(chatMessages.roomId, roomId),
				eq(chatMessages.status, 'published')
			)
		);
	if (!message) throw new NotFoundError(NOT_HERE);
	return message;
}

/** Give or take back a reaction. Returns the message's counts and the person's own reactions. */
export async function toggleReaction(db: Database, user: CurrentUser, input: unknown) {
	const data = parseOrThrow(reactSchema, input);
	authorise(user, 'content.react', 'Your account cannot react at the moment.');
	assertMayEnter(user, await loadRoomAccess(db, user, data.roomId));
	await publishedMessage(db, data.roomId, data.messageId);
	const { counts, mine } = await db.transaction(async (tx) => {
		const removed = await tx
			.delete(chatReactions)
			.where(
				and(
					eq(chatReactions.messageId, data.messageId),
					eq(chatReactions.userId, user.id),
					eq(chatReactions.kind, data.kind)
				)
			)
			.returning({ kind: chatReactions.kind });
		if (removed.length === 0)
			await tx
				.insert(chatReactions)
				.values({ messageId: data.messageId, userId: user.id, kind: data.kind })
				.onConflictDoNothing();
		const rows = await tx
			.select({ kind: chatReactions.kind, userId: chatReactions.userId })
			.from(chatReactions)
			.where(eq(chatReactions.messageId, data.messageId));
		const counts: ReactionCounts = { ...noReactions().counts };
		const mine: ReactionKey[] = [];
		for (const row of rows) {
			counts[row.kind]++;
			if (row.userId === user.id) mine.push(row.kind);
		}
		return { counts, mine };
	});
	const event: ReactionsEvent = { roomId: data.roomId, id: data.messageId, counts };
	publisher().publish(`room:${data.roomId}`, CHAT_EVENTS.reactions, event);
	return { counts, mine };
}

const CHOOSE_REASON = 'Choose why you are reporting this message.';

const reportSchema = z
	.object({ roomId: roomIdSchema, messageId, ...reportReasonFields(CHOOSE_REASON) })
	.refine((r) => r.reason !== 'other' || r.note.length > 0, {
		message: 'Tell us a little about what is wrong.',
		path: ['note']
	});

export const CONTEXT_MESSAGES = 10;

/**
 * Report a message. A repeat by the same person is accepted quietly, unless it is now "I'm
 * worried about this person" (forum/worried-repeat.ts). The note is screened for the reporter's
 * own safety (forum/report-note.ts).
 */
export async function reportMessage(
	db: Database,
	user: CurrentUser,
	input: unknown
): Promise<ChatReportReply> {
	const data = parseOrThrow(reportSchema, input);
	authorise(user, 'content.report', 'Your account cannot report at the moment.');
	assertMayEnter(user, await loadRoomAccess(db, user, data.roomId));
	const message = await publishedMessage(db, data.roomId, data.messageId);
	if (message.authorId === user.id)
		throw new NotAllowedError(
			'This is your own message. You can ask a youth worker in the room, or use “Get help now”.'
		);
	const screened = await screenReportNote(db, user, data.note);
	const context = await conversationUpTo(db, data.roomId, message.id);
	const link = `/chat/${data.roomId}#message-${message.id}`;
	const written = await db.transaction(async (tx) => {
		const noteAlert = await raiseAlertForNote(tx as unknown as Database, screened, {
			reporter: user,
			note: data.note,
			context: { reporting: 'chat_message', roomId: data.roomId, messageId: message.id, link }
		});
		const [report] = await tx
			.insert(chatReports)
			.values({
				messageId: message.id,
				reporterId: user.id,
				reason: data.reason,
				note: data.note || null,
				context
			})
			.onConflictDoNothing()
			.returning({ id: chatReports.id });
		// Reported before by this person: accepted quietly, unless they are now worried.
		const repeat = report
			? null
			: await worriedAgain(
					tx as unknown as Database,
					{
						table: chatReports,
						mine: and(eq(chatReports.messageId, message.id), eq(chatReports.reporterId, user.id))
					},
					user.id,
					{ messageId: message.id },
					data
				);
		const addedNote = repeat?.addedNote ?? null;
		if (!report && !repeat) return { reported: false, alerts: [noteAlert], addedNote };
		await recordAudit(tx, {
			actorId: user.id,
			action: 'chat.message.report',
			targetType: 'chat_message',
			targetId: message.id,
			details: {
				roomId: data.roomId,
				reason: data.reason,
				...repeatDetails(repeat)
			}
		});
		if (data.reason !== 'worried' || message.authorId === null || repeat?.raiseAlert === false)
			return { reported: true, alerts: [noteAlert], addedNote };
		const reported = context[context.length - 1];
		const note = repeat ? repeat.alertNote : data.note;
		const alert = await raiseAlert(tx, {
			level: 'high',
			source: 'report',
			reasons: ['a member is worried about this person'],
			subject: { id: message.authorId, username: reported?.authorName ?? null },
			raisedById: user.id,
			note: note || undefined,
			evidence: {
				contentType: 'chat_message',
				contentId: message.id,
				text: message.body,
				context: { roomId: data.roomId, conversation: context, link }
			}
		});
		return { reported: true, alerts: [noteAlert, alert], addedNote };
	});
	for (const alert of written.alerts)
		if (alert)
			await announceAlert(db, alert).catch((error) =>
				log.error({ err: error, alertId: alert.alertId }, 'could not announce alert')
			);
	announceAlertNote(written.addedNote);
	if (written.reported) publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
	return { message: REPORT_THANKS, help: await reportNotePanel(db, screened) };
}

/** The reported message and the published ones before it, oldest first, as they are now. */
async function conversationUpTo(
	db: Database,
	roomId: number,
	id: number
): Promise<ReportedContextMessage[]> {
	const rows = await db
		.select({
			id: chatMessages.id,
			body: chatMessages.body,
			createdAt: chatMessages.createdAt,
			authorId: chatMessages.authorId,
			authorName: users.username,
			authorRoles: users.roles
		})
		.from(chatMessages)
		.leftJoin(users, eq(users.id, chatMessages.authorId))
		.where(
			and(
				eq(chatMessages.roomId, roomId),
				lte(chatMessages.id, id),
				eq(chatMessages.status, 'published')
			)
		)
		.orderBy(desc(chatMessages.id))
		.limit(CONTEXT_MESSAGES + 1);
	return rows.reverse().map((r) => {
		const author = authorOf(r);
		return {
			id: r.id,
			authorName: r.authorName,
			staff: author.staff,
			body: r.body,
			createdAt: r.createdAt.toISOString()
		};
	});
}
