/**
 * How fast members may chat, so nobody floods a room: new members (account younger than 7 days)
 * one message per 5 seconds, everyone at most 10 messages per 30 seconds, and a room's slow mode
 * (one message per N seconds in that room). Staff are exempt. Counted from what was stored
 * (held messages count too). Services check inside the write transaction while holding a lock on
 * the author, so messages sent at once cannot slip past together; a message that raises a
 * safeguarding alert is never paced.
 */
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { chatMessages, users } from '../db/schema';
import { POSTING_LIMITS, RateLimitedError, whenAgain } from '../forum/rate-limits';

export const CHAT_LIMITS = {
	newMemberSpacingSeconds: 5,
	everyone: { messages: 10, seconds: 30 }
} as const;

export interface RecentChat {
	/** Newest first, within the longest window that matters. */
	sentAt: Date[];
	/** The last one in this room. */
	lastInRoom: Date | null;
	newMember: boolean;
}

/** The limit this message would break, or null (pure, for tests). */
export function chatPaceRefusal(
	recent: RecentChat,
	{ slowModeSeconds, now }: { slowModeSeconds: number; now: Date }
): { message: string; retryAt: Date } | null {
	const breaches: { retryAt: Date; message: (when: string) => string }[] = [];
	const after = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
	if (slowModeSeconds > 0 && recent.lastInRoom && after(recent.lastInRoom, slowModeSeconds) > now)
		breaches.push({
			retryAt: after(recent.lastInRoom, slowModeSeconds),
			message: (when) =>
				`This room is in slow mode, so everyone waits a little between messages. You can send again ${when}.`
		});
	const last = recent.sentAt[0];
	if (recent.newMember && last && after(last, CHAT_LIMITS.newMemberSpacingSeconds) > now)
		breaches.push({
			retryAt: after(last, CHAT_LIMITS.newMemberSpacingSeconds),
			message: (when) =>
				`Because you are new here, messages go one every ${CHAT_LIMITS.newMemberSpacingSeconds} seconds. You can send again ${when}.`
		});
	const { messages, seconds } = CHAT_LIMITS.everyone;
	const inWindow = recent.sentAt.filter((at) => after(at, seconds) > now);
	if (inWindow.length >= messages)
		breaches.push({
			retryAt: after(inWindow[messages - 1], seconds),
			message: (when) =>
				`That is a lot of messages in a short time, so let the room catch up. You can send again ${when}.`
		});
	if (breaches.length === 0) return null;
	const longest = breaches.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
	return { retryAt: longest.retryAt, message: longest.message(whenAgain(longest.retryAt, now)) };
}

/**
 * What the given authors sent recently (newest first) and whether each is a new member, read in
 * one query, so a batch of messages is paced without a query per message. `pace()` then checks
 * one message and, if it may go, counts it, so later messages in the same batch see it.
 */
export async function chatPacer(
	db: Database,
	authorIds: number[],
	{ longestSlowModeSeconds, now }: { longestSlowModeSeconds: number; now: Date }
) {
	const windowSeconds = Math.max(
		CHAT_LIMITS.everyone.seconds,
		CHAT_LIMITS.newMemberSpacingSeconds,
		longestSlowModeSeconds
	);
	const since = new Date(now.getTime() - windowSeconds * 1000 - 60_000);
	const newMemberSince = new Date(now.getTime() - POSTING_LIMITS.newMemberDays * 86_400_000);
	const rows = authorIds.length
		? await db
				.select({
					authorId: users.id,
					joinedAt: users.createdAt,
					at: chatMessages.createdAt,
					roomId: chatMessages.roomId
				})
				.from(users)
				.leftJoin(
					chatMessages,
					and(eq(chatMessages.authorId, users.id), gt(chatMessages.createdAt, since))
				)
				.where(inArray(users.id, authorIds))
				.orderBy(desc(chatMessages.createdAt))
		: [];
	const recent = new Map<number, { newMember: boolean; sent: { at: Date; roomId: number }[] }>();
	for (const row of rows) {
		const entry = recent.get(row.authorId) ?? {
			newMember: row.joinedAt > newMemberSince,
			sent: []
		};
		if (row.at && row.roomId !== null) entry.sent.push({ at: row.at, roomId: row.roomId });
		recent.set(row.authorId, entry);
	}
	return {
		/** Refuses (RateLimitedError) a message that would break a limit; otherwise counts it. */
		pace(
			authorId: number,
			{ roomId, slowModeSeconds, now }: { roomId: number; slowModeSeconds: number; now: Date }
		) {
			const entry = recent.get(authorId) ?? { newMember: false, sent: [] };
			const refusal = chatPaceRefusal(
				{
					sentAt: entry.sent.map((s) => s.at),
					lastInRoom: entry.sent.find((s) => s.roomId === roomId)?.at ?? null,
					newMember: entry.newMember
				},
				{ slowModeSeconds, now }
			);
			if (refusal) throw new RateLimitedError(refusal.message, refusal.retryAt);
			entry.sent.unshift({ at: now, roomId });
			recent.set(authorId, entry);
		}
	};
}
