/**
 * The watched-word list as screening uses it: compiled once, kept for a short while, and
 * recompiled at once in this process when an admin changes it (other instances catch up within
 * the cache time).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { watchedWords } from '../db/schema';
import { compileWatchList, type CompiledWatchList } from './watched-words';

const CACHE_MS = 30_000;
let cached: { list: CompiledWatchList; at: number; db: Database } | undefined;

export async function currentWatchList(db: Database, now = Date.now()): Promise<CompiledWatchList> {
	if (cached && cached.db === db && now - cached.at < CACHE_MS) return cached.list;
	const rows = await db.select().from(watchedWords).where(eq(watchedWords.enabled, true));
	const list = compileWatchList(rows);
	cached = { list, at: now, db };
	return list;
}

export function forgetWatchList(): void {
	cached = undefined;
}
