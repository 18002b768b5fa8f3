/**
 * Chat messages in the review queue. Approving a held one is `approveHeldMessage` (chat/controls);
 * here: keeping a reported message (its reports are dismissed, it stays in the room) and removing
 * a held or reported one from the queue (it disappears for everyone, as from inside the room, and
 * its open reports are closed). Both respect another youth worker's claim, release it, and are
 * audited; reporters are never named to the author.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { chatMessages, chatReports, moderationClaims } from '../db/schema';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { publisher } from '../realtime/publisher';
import { removeMessage } from '../chat/controls';
import { settleClaim } from './claims';
import { ALREADY_DEALT_WITH } from '../../moderation';
import { FORUM_EVENTS } from '../../forum';
import { typedText } from '../content/limits';

export const MESSAGE_GONE = 'That message is no longer here. Reload the page.';

const messageIdSchema = z.object({
	messageId: z
		.number({ message: 'Say which message.' })
		.int()
		.positive()
		.max(Number.MAX_SAFE_INTEGER)
});

const removeSchema = messageIdSchema.extend({
	reason: typedText()
		.optional()
		.transform((r) => r ?? '')
		.pipe(z.string().max(500, 'Keep the reason to 500 characters or fewer.'))
});

async function loadMessage(db: Database, messageId: number) {
	const [message] = await db
		.select({
			id: chatMessages.id,
			roomId: chatMessages.roomId,
			authorId: chatMessages.authorId,
			status: chatMessages.status
		})
		.from(chatMessages)
		.where(eq(chatMessages.id, messageId));
	if (!message) throw new NotFoundError(MESSAGE_GONE);
	return message;
}

/** Close a message's open reports; the reasons closed (none when someone got there first). */
async function closeMessageReports(tx: Database, messageId: number, actor: CurrentUser, now: Date) {
	const closed = await tx
		.update(chatReports)
		.set({ reviewedAt: now, reviewedById: actor.id })
		.where(and(eq(chatReports.messageId, messageId), isNull(chatReports.reviewedAt)))
		.returning({ reason: chatReports.reason });
	return closed.map((r) => r.reason);
}

/** Keep a reported message: its reports are dismissed and it stays in the room as it is. */
export async function keepReportedMessage(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof messageIdSchema>
): Promise<void> {
	const { messageId } = parseOrThrow(messageIdSchema, input);
	authorise(actor, 'moderation.act', 'Only youth workers can deal with reports.');
	const message = await loadMessage(db, messageId);
	if (message.status !== 'published') throw new ValidationError({ form: ALREADY_DEALT_WITH });
	const now = new Date();
	await db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await settleClaim(t, actor, { kind: 'message', itemId: message.id }, { now });
		const reasons = await closeMessageReports(t, message.id, actor, now);
		if (reasons.length === 0) throw new ValidationError({ form: ALREADY_DEALT_WITH });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.report.dismiss',
			targetType: 'chat_message',
			targetId: message.id,
			details: { roomId: message.roomId, authorId: message.authorId, reasons }
		});
	});
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

/**
 * Remove a held or reported message from the queue: gone for everyone at once (removeMessage,
 * audited as chat.message.remove), its open reports closed and any claim on it released.
 */
export async function removeQueuedMessage(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof removeSchema>
): Promise<void> {
	const { messageId, reason } = parseOrThrow(removeSchema, input);
	authorise(actor, 'moderation.act', 'Only youth workers can remove messages.');
	const message = await loadMessage(db, messageId);
	if (message.status === 'removed') throw new ValidationError({ form: ALREADY_DEALT_WITH });
	// Someone else's live claim stops this before anything changes.
	await db.transaction((tx) =>
		settleClaim(
			tx as unknown as Database,
			actor,
			{ kind: 'message', itemId: message.id },
			{
				release: false
			}
		)
	);
	await removeMessage(db, actor, { roomId: message.roomId, messageId: message.id, reason });
	const now = new Date();
	await db.transaction(async (tx) => {
		const reasons = await closeMessageReports(tx as unknown as Database, message.id, actor, now);
		if (reasons.length)
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'chat.report.close',
				targetType: 'chat_message',
				targetId: message.id,
				details: { roomId: message.roomId, authorId: message.authorId, reasons, removed: true }
			});
		await tx
			.delete(moderationClaims)
			.where(and(eq(moderationClaims.kind, 'message'), eq(moderationClaims.itemId, message.id)));
	});
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}
