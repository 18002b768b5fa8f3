/**
 * The forum's benchmark data: 100,000 published posts across 5,000 threads in the four stream
 * categories, written by 500 members, with words drawn from a health vocabulary so that search
 * has realistic work to do. One thread (the one measured) has 120 posts, so its first page is a
 * full 50. Bulk-inserted with postgres.js (the services would take minutes for this much); the
 * rows are the shape the services write: published posts with sanitised HTML, opening posts
 * carrying their thread's title, thread activity set.
 */
import postgres from 'postgres';

export const SEED = { threads: 5_000, posts: 100_000, authors: 500, measuredThreadPosts: 120 };

const WORDS = `
asthma inhaler sleep tired gp appointment nurse clinic waiting list sickle cell pain crisis
hospital doctor medication side effects exercise football gym running walking food eating
cooking breakfast school college exams revision teacher work job interview housing rent landlord
money benefits advice rights discrimination racism hair skin eczema acne period contraception
sexual health test results anxiety stress worry low mood therapy counsellor talking friends
family mum dad brother sister cousin church mosque community youth club music dance art
confidence bullying online phone social media sleep routine water energy headache migraine
diabetes blood pressure eyesight dentist teeth pharmacy prescription referral camhs waiting
weeks months support group helped better proud love together hope change listen share ask
question answer someone anyone everyone really maybe still today tomorrow yesterday week
`
	.split(/\s+/)
	.filter(Boolean);

/** A small deterministic generator, so every run seeds the same words. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function sentence(next: () => number, words: number): string {
	const out: string[] = [];
	for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
	const text = out.join(' ');
	return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

export interface SeededForum {
	threadId: number;
	categorySlug: string;
	/** Two words that occur together in about 6% of posts. */
	searchQuery: string;
	/** One word in about a quarter of all posts. */
	commonWord: string;
}

/** What seedForum returned, found again in a database it seeded earlier (BENCH_KEEP_DATABASE). */
export async function findSeededForum(databaseUrl: string): Promise<SeededForum> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const [measured] = await sql<{ id: number; slug: string }[]>`
			select t.id, c.slug from forum_threads t join forum_categories c on c.id = t.category_id
			where t.id = (select thread_id from forum_posts group by thread_id
				having count(*) = ${SEED.measuredThreadPosts} order by thread_id limit 1)`;
		if (!measured) throw new Error('this database has no seeded forum: drop it and rerun');
		return {
			threadId: measured.id,
			categorySlug: measured.slug,
			searchQuery: 'sickle cell',
			commonWord: 'asthma'
		};
	} finally {
		await sql.end();
	}
}

export async function seedForum(databaseUrl: string): Promise<SeededForum> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const next = random(2026);
	try {
		const categories = await sql<{ id: number; slug: string }[]>`
			select id, slug from forum_categories order by position, id limit 4`;
		const joined = new Date(Date.now() - 400 * 86_400_000);
		const authors = await sql<{ id: number }[]>`
			insert into users ${sql(
				Array.from({ length: SEED.authors }, (_, i) => ({
					username: `bench_author_${i}`,
					password_hash: '!', // cannot sign in
					created_at: joined
				}))
			)} returning id`;

		const start = Date.now() - 365 * 86_400_000;
		const threadRows = Array.from({ length: SEED.threads }, (_, i) => ({
			category_id: categories[i % categories.length].id,
			title: sentence(next, 6).slice(0, 150),
			author_id: authors[i % authors.length].id,
			status: 'published',
			created_at: new Date(start + i * 6_000_000)
		}));
		const threads: { id: number; created_at: Date }[] = [];
		for (let i = 0; i < threadRows.length; i += 2_000)
			threads.push(
				...(await sql<{ id: number; created_at: Date }[]>`
					insert into forum_threads ${sql(threadRows.slice(i, i + 2_000))}
					returning id, created_at`)
			);

		// Post n goes to thread n % threads, except the last few, which fill the measured thread.
		const measured = threads[0];
		const extra = SEED.measuredThreadPosts - SEED.posts / SEED.threads;
		const counts = new Map<number, number>();
		const titles = new Map(threads.map((t, i) => [t.id, threadRows[i].title]));
		const batch: Record<string, unknown>[] = [];
		const flush = async () => {
			if (batch.length === 0) return;
			await sql`insert into forum_posts ${sql(batch)}`;
			batch.length = 0;
		};
		for (let n = 0; n < SEED.posts; n++) {
			const thread = n >= SEED.posts - extra ? measured : threads[n % threads.length];
			const position = counts.get(thread.id) ?? 0;
			counts.set(thread.id, position + 1);
			const body = Array.from({ length: 3 }, () => sentence(next, 12)).join(' ');
			const at = new Date(thread.created_at.getTime() + position * 60_000);
			batch.push({
				thread_id: thread.id,
				author_id: authors[(n * 7) % authors.length].id,
				body,
				thread_title: position === 0 ? titles.get(thread.id) : null,
				html: `<p>${body}</p>`,
				status: 'published',
				created_at: at,
				published_at: at
			});
			if (batch.length === 5_000) await flush();
		}
		await flush();

		await sql`
			update forum_threads t set opening_post_id = p.id
			from forum_posts p where p.thread_id = t.id and p.thread_title is not null`;
		await sql`
			update forum_threads t set last_activity_at = latest.at
			from (select thread_id, max(published_at) as at from forum_posts group by thread_id) latest
			where latest.thread_id = t.id`;
		// As autovacuum would leave a settled forum: statistics current, visibility map set.
		await sql`vacuum analyze`;

		const [{ slug }] = await sql<{ slug: string }[]>`
			select c.slug from forum_categories c join forum_threads t on t.category_id = c.id
			where t.id = ${measured.id}`;
		return {
			threadId: measured.id,
			categorySlug: slug,
			searchQuery: 'sickle cell',
			commonWord: 'asthma'
		};
	} finally {
		await sql.end();
	}
}
