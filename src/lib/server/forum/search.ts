/**
 * Full-text search over published posts (and, through their opening posts, thread titles) in
 * published threads, optionally within one category. Held, hidden and deleted words never appear,
 * for anyone. PostgreSQL's websearch_to_tsquery reads the query the way people type into a search
 * box ("exam stress", "sleep -pills", "\"panic attack\"", "gp or doctor").
 *
 * The best matches come first among the newest SEARCH_MATCH_LIMIT matching posts. Ranking needs
 * each match's words, so ranking every match of a common word ("asthma" in a quarter of 100,000
 * posts) took 50–60 ms alone; the newest 500 are found from the end of the
 * `forum_posts_published_idx` index (a rare word still goes through the GIN index, whichever the
 * planner sees is cheaper) and ranked in a few milliseconds. Results then say "more than 500".
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { forumCategories, forumPosts, forumThreads, users } from '../db/schema';
import { parseOrThrow } from '../errors';
import { tidyText } from '../content/limits';
import { isStaff } from '../policy';
import { RESULTS_PER_PAGE, SEARCH_MATCH_LIMIT, SEARCH_MAX_PAGES } from '../../forum';
import { paging, type Paging } from './paging';

export const QUERY_MAX = 200;

const searchSchema = z.object({
	q: z
		.string()
		.transform((q) => tidyText(q).replace(/\s+/g, ' ').trim())
		.pipe(
			z
				.string()
				.min(2, 'Type at least 2 characters to search for.')
				.max(QUERY_MAX, `Keep your search to ${QUERY_MAX} characters or fewer.`)
		),
	category: z.string().max(100).nullish(),
	page: z
		.number()
		.int()
		.min(1)
		.max(SEARCH_MAX_PAGES, `Search shows at most ${SEARCH_MAX_PAGES} pages of results.`)
});

export type SearchInput = z.input<typeof searchSchema>;

/** Marks around matched words in an excerpt (private-use characters, shown as highlights). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

export interface SearchHit {
	postId: number;
	threadId: number;
	threadTitle: string;
	category: { slug: string; name: string };
	author: { username: string; staff: boolean };
	publishedAt: Date;
	/** Plain text around the matches, with MATCH_START/MATCH_END around each match. */
	excerpt: string;
	/** The post's content warning: its excerpt folds behind it as the post does. */
	contentWarning: string | null;
}

export interface SearchResults extends Paging {
	query: string;
	hits: SearchHit[];
	/** More posts match than the SEARCH_MATCH_LIMIT newest that were ranked (and are counted). */
	more: boolean;
}

export async function searchPosts(db: Database, input: SearchInput): Promise<SearchResults> {
	const { q, category, page } = parseOrThrow(searchSchema, input);
	const query = sql`websearch_to_tsquery('english', ${q})`;
	const offset = (page - 1) * RESULTS_PER_PAGE;
	// The newest matches (one more than are ranked, to know whether there are more) as (id, rank,
	// when), narrow, counted once; only the page's 20 are then joined to their words, thread and
	// author, and only they get an excerpt (ts_headline is costly).
	const matches = db.$with('matches').as(
		db
			.select({
				id: sql<number>`${forumPosts.id}`.as('match_id'),
				rank: sql<number>`ts_rank(${forumPosts.searchVector}, ${query})`.as('match_rank'),
				at: sql<Date>`${forumPosts.publishedAt}`.as('match_at')
			})
			.from(forumPosts)
			.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
			.where(
				and(
					sql`${forumPosts.searchVector} @@ ${query}`,
					eq(forumPosts.status, 'published'),
					eq(forumThreads.status, 'published'),
					category
						? sql`${forumThreads.categoryId} = (select c.id from ${forumCategories} c where c.slug = ${category})`
						: undefined
				)
			)
			// As forum_posts_published_idx is ordered, so it can be read from its newest end.
			.orderBy(sql`${forumPosts.publishedAt} desc nulls last, ${forumPosts.id} desc nulls last`)
			.limit(SEARCH_MATCH_LIMIT + 1)
	);
	const top = db
		.$with('top')
		.as(
			db
				.select({ id: matches.id, rank: matches.rank, at: matches.at })
				.from(matches)
				.orderBy(desc(matches.rank), desc(matches.at), desc(matches.id))
				.limit(RESULTS_PER_PAGE)
				.offset(offset)
		);
	// How best to find the matches depends on the words (a rare word or a common one), so each search
	// is planned afresh: statements inside a transaction are not prepared (see db/client.ts).
	const rows = await db.transaction((tx) =>
		tx
			.with(matches, top)
			.select({
				postId: forumPosts.id,
				threadId: forumThreads.id,
				threadTitle: forumThreads.title,
				categorySlug: forumCategories.slug,
				categoryName: forumCategories.name,
				authorId: forumPosts.authorId,
				username: users.username,
				roles: users.roles,
				publishedAt: forumPosts.publishedAt,
				contentWarning: forumPosts.contentWarning,
				excerpt: sql<string>`ts_headline('english', ${forumPosts.body}, ${query},
				${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`,
				total: sql<number>`(select count(*) from ${matches})`.mapWith(Number)
			})
			.from(top)
			.innerJoin(forumPosts, eq(forumPosts.id, top.id))
			.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
			.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
			.leftJoin(users, eq(users.id, forumPosts.authorId))
			.orderBy(desc(top.rank), desc(top.at), desc(top.id))
	);

	const matched = rows[0]?.total ?? 0;
	return {
		...paging(page, Math.min(matched, SEARCH_MATCH_LIMIT), RESULTS_PER_PAGE),
		more: matched > SEARCH_MATCH_LIMIT,
		query: q,
		hits: rows.map((r) => ({
			postId: r.postId,
			threadId: r.threadId,
			threadTitle: r.threadTitle,
			category: { slug: r.categorySlug, name: r.categoryName },
			author: {
				username: r.username ?? 'Former member',
				staff:
					r.authorId !== null && r.roles !== null && isStaff({ id: r.authorId, roles: r.roles })
			},
			publishedAt: r.publishedAt ?? new Date(0),
			excerpt: r.excerpt,
			contentWarning: r.contentWarning
		}))
	};
}
