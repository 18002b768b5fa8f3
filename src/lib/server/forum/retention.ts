/**
 * Deleted posts keep their words for staff only for a while (setting `deletedPostRetentionDays`,
 * default 30). After that their words are erased: body, HTML and content warning, and the bodies
 * of their earlier versions; when the post opened a conversation that went with it (nothing else
 * in it was public), the conversation's title is erased too. A post is kept longer, whatever its age, while anything still refers
 * to it: an open report on it (forum_reports, or a member report that names it), or a safeguarding
 * alert that is not resolved or a case that is not closed whose evidence is it. Evidence snapshots
 * are copies made when the alert was raised; they are never touched here.
 *
 * Runs hourly in every server process (runtime.ts) and from `npm run retention:purge`. Running it
 * twice at once is harmless: each row is erased once (`purged_at is null` is checked again as it is
 * updated), and each run writes one audit entry with how many it erased.
 */
import { and, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import {
	caseEntries,
	evidenceSnapshots,
	forumPostRevisions,
	forumPosts,
	forumReports,
	forumThreads,
	safeguardingAlerts,
	safeguardingCases,
	userReports
} from '../db/schema';
import { log } from '../log';
import { getSettings } from '../settings';
import { repeatEvery } from '../repeat';

const DAY = 86_400_000;

/** What a removed conversation's title becomes once its words are erased. */
export const ERASED_TITLE = 'A removed conversation';

/**
 * A live safeguarding alert (not resolved, or whose case is not closed) or an open case has this
 * content as its evidence.
 */
export function evidenceInUse(contentType: string, contentId: SQL): SQL {
	return sql`exists (
		select 1 from ${evidenceSnapshots} e
		where e.content_type = ${contentType} and e.content_id = ${contentId}::text
		and (
			exists (
				select 1 from ${safeguardingAlerts} a
				left join ${safeguardingCases} c on c.id = a.case_id
				where a.evidence_id = e.id
				and (a.status <> 'resolved' or (c.id is not null and c.status <> 'closed'))
			)
			or exists (
				select 1 from ${caseEntries} ce
				join ${safeguardingCases} c2 on c2.id = ce.case_id
				where ce.evidence_id = e.id and c2.status <> 'closed'
			)
		)
	)`;
}

/** Something still needs this post's words: an open report, or a live alert or case about it. */
const stillReferenced = sql`(
	exists (
		select 1 from ${forumReports} r
		where r.post_id = ${forumPosts.id} and r.reviewed_at is null
	)
	or exists (
		select 1 from ${userReports} ur
		where ur.context_post_id = ${forumPosts.id} and ur.reviewed_at is null
	)
	or ${evidenceInUse('forum_post', sql`${forumPosts.id}`)}
)`;

/** This post opened a conversation that has been removed. */
const gone = (postId: SQL) => sql`exists (
	select 1 from ${forumThreads} t where t.opening_post_id = ${postId} and t.status = 'deleted'
)`;

export interface PurgeResult {
	purged: number;
	retentionDays: number;
}

export async function purgeDeletedPosts(db: Database, now = new Date()): Promise<PurgeResult> {
	const { deletedPostRetentionDays: retentionDays } = await getSettings(db);
	const deletedBefore = new Date(now.getTime() - retentionDays * DAY);
	const ids = await db.transaction(async (tx) => {
		const purged = await tx
			.update(forumPosts)
			.set({
				body: '',
				html: '',
				contentWarning: null,
				purgedAt: now,
				// An opening post keeps its thread's title for search: erased with a removed conversation.
				threadTitle: sql`case when ${gone(sql`${forumPosts.id}`)} then ${ERASED_TITLE} else ${forumPosts.threadTitle} end`
			})
			.where(
				and(
					sql`${forumPosts.status} = 'deleted'`,
					lt(forumPosts.deletedAt, deletedBefore),
					isNull(forumPosts.purgedAt),
					sql`not ${stillReferenced}`
				)
			)
			.returning({ id: forumPosts.id });
		const ids = purged.map((p) => p.id);
		if (ids.length === 0) return ids;
		await tx
			.update(forumPostRevisions)
			.set({ body: '', contentWarning: null })
			.where(inArray(forumPostRevisions.postId, ids));
		await tx
			.update(forumThreads)
			.set({ title: ERASED_TITLE })
			.where(and(inArray(forumThreads.openingPostId, ids), eq(forumThreads.status, 'deleted')));
		await recordAudit(tx, {
			actorId: null,
			action: 'forum.retention.purge',
			targetType: 'forum_post',
			details: { count: ids.length, retentionDays, deletedBefore: deletedBefore.toISOString() }
		});
		return ids;
	});
	if (ids.length) log.info({ purged: ids.length, retentionDays }, 'erased deleted posts');
	return { purged: ids.length, retentionDays };
}

/**
 * The in-process timer: shortly after start, then every hour, runs `purge` (every retention rule:
 * see runtime.ts). Runs never overlap; stopping waits for the run in progress.
 */
export function startRetentionTimer(
	db: () => Promise<Database>,
	{
		everyMs = 3_600_000,
		firstAfterMs = 60_000,
		purge = purgeDeletedPosts
	}: { everyMs?: number; firstAfterMs?: number; purge?: (db: Database) => Promise<unknown> } = {}
): () => Promise<void> {
	return repeatEvery(everyMs, async () => purge(await db()), {
		failure: 'retention purge failed',
		firstAfterMs
	});
}
