/**
 * Supportive reactions ("Sending love", "Me too", "This helped", "Proud of you") instead of likes:
 * validate → load the post (published, in a thread this person may read: anything else is "not
 * found") → authorise (members may react; muted members are told until when they cannot) → not on
 * your own post → one transaction: add or take back the reaction, audit → after commit, the post's
 * new counts go to the thread's room. Counts only: nobody is told who reacted, and nothing is
 * ranked or sorted by them.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumReactions, REACTION_KINDS } from '../db/schema';
import { NotFoundError, parseOrThrow } from '../errors';
import { formatDateTime } from '../../format';
import { authorise, isMuted, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import {
	FORUM_EVENTS,
	noReactions,
	REACTION_KEYS,
	type PostReactions,
	type ReactionCounts,
	type ReactionsEvent
} from '../../forum';
import { canReadThread, POST_NOT_FOUND } from './access';
import { loadPostWithThread } from './load';

const CHOOSE_REACTION = 'Choose one of the reactions shown.';

const reactionSchema = z.object({
	postId: z.number().int().positive().max(2_147_483_647),
	kind: z
		.string({ message: CHOOSE_REACTION })
		.pipe(z.enum(REACTION_KINDS, { message: CHOOSE_REACTION })),
	/** true: give it, false: take it back; left out: the opposite of what it is now. */
	on: z.boolean().optional()
});

export type ReactionInput = z.input<typeof reactionSchema>;

export interface ReactionResult extends PostReactions {
	postId: number;
	threadId: number;
}

export async function toggleReaction(
	db: Database,
	actor: CurrentUser,
	input: ReactionInput
): Promise<ReactionResult> {
	const { postId, kind, on } = parseOrThrow(reactionSchema, input);
	const { post, thread } = await loadPostWithThread(db, postId);
	if (post.status !== 'published' || thread.status !== 'published' || !canReadThread(actor, thread))
		throw new NotFoundError(POST_NOT_FOUND);
	if (isMuted(actor))
		throw new NotAllowedError(
			`A youth worker has paused your posting and reactions until ${formatDateTime(actor.mutedUntil)}. You can still read, and get help any time.`
		);
	authorise(actor, 'content.react', 'Your account cannot react to posts at the moment.');
	if (post.authorId === actor.id)
		throw new NotAllowedError(
			'You cannot react to your own post. Your reactions are for encouraging others.'
		);

	const mineNow = and(
		eq(forumReactions.postId, post.id),
		eq(forumReactions.userId, actor.id),
		eq(forumReactions.kind, kind)
	);
	const written = await db.transaction(async (tx) => {
		const give =
			on ??
			(await tx.select({ kind: forumReactions.kind }).from(forumReactions).where(mineNow))
				.length === 0;
		const changed = give
			? await tx
					.insert(forumReactions)
					.values({ postId: post.id, userId: actor.id, kind })
					.onConflictDoNothing()
					.returning({ kind: forumReactions.kind })
			: await tx.delete(forumReactions).where(mineNow).returning({ kind: forumReactions.kind });
		if (changed.length > 0)
			await recordAudit(tx, {
				actorId: actor.id,
				action: give ? 'forum.reaction.add' : 'forum.reaction.remove',
				targetType: 'forum_post',
				targetId: post.id,
				details: { threadId: thread.id, kind }
			});
		const rows = await tx
			.select({ kind: forumReactions.kind, n: count(), mine: sqlMine(actor.id) })
			.from(forumReactions)
			.where(eq(forumReactions.postId, post.id))
			.groupBy(forumReactions.kind);
		return { changed: changed.length > 0, rows };
	});

	const reactions = noReactions();
	for (const row of written.rows) reactions.counts[row.kind] = Number(row.n);
	reactions.mine = REACTION_KEYS.filter((key) =>
		written.rows.some((r) => r.kind === key && r.mine)
	);
	if (written.changed) announceReactions(thread.id, post.id, reactions.counts);
	return { postId: post.id, threadId: thread.id, ...reactions };
}

function sqlMine(userId: number) {
	return sql<boolean>`bool_or(${forumReactions.userId} = ${userId})`;
}

/** Everyone with the thread open sees the new counts (never who reacted). */
function announceReactions(threadId: number, postId: number, counts: ReactionCounts) {
	const event: ReactionsEvent = { threadId, postId, counts };
	publisher().publish(`thread:${threadId}`, FORUM_EVENTS.reactions, event);
}
