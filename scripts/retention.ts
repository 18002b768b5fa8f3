/**
 * Erase the words of deleted posts, and delete chat messages, older than their retention settings
 * (the server also does this hourly): npm run retention:purge
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: one process owns it).
 */
import { closeDatabase, database } from '../src/lib/server/db';
import { ConfigError } from '../src/lib/server/config';
import { DataDirLockedError } from '../src/lib/server/db/lock';
import { purgeDeletedPosts } from '../src/lib/server/forum/retention';
import { purgeOldMessages } from '../src/lib/server/chat/retention';

export async function main(): Promise<string> {
	const db = await database();
	const { purged, retentionDays } = await purgeDeletedPosts(db);
	const chat = await purgeOldMessages(db);
	const posts = purged === 1 ? '1 deleted post' : `${purged} deleted posts`;
	const messages = chat.deleted === 1 ? '1 chat message' : `${chat.deleted} chat messages`;
	return [
		`Erased the words of ${posts} deleted more than ${retentionDays} days ago (posts an open report, alert or case refers to are kept).`,
		`Deleted ${messages} older than ${chat.retentionDays} days (messages someone reported, or that an open alert or case refers to, are kept).`
	].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	let code = 0;
	try {
		console.log(await main());
	} catch (error) {
		console.error(
			error instanceof ConfigError || error instanceof DataDirLockedError
				? error.message
				: `Unexpected error: ${error instanceof Error ? error.stack : String(error)}`
		);
		code = 1;
	} finally {
		await closeDatabase().catch(() => {});
	}
	process.exit(code);
}
