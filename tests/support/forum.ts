/**
 * Where the forum's integration tests start: the test file's database, `account` for making
 * established members (see members.ts), members' posts published at once (pre-moderation off; a
 * test that wants it turns it on) and a youth worker, on duty if the file needs alerts to go to
 * someone rather than escalate at once.
 */
import { database } from '../../src/lib/server/db';
import { OPERATOR } from '../../src/lib/server/accounts/manage';
import { updateSettings } from '../../src/lib/server/settings';
import { goOnDuty } from '../../src/lib/server/safeguarding/duty';
import { accountMaker } from './members';

/** Usernames are `${prefix}_1` (the youth worker), `${prefix}_2`, … */
export async function setUpForum(prefix: string, { workerOnDuty }: { workerOnDuty: boolean }) {
	const db = await database();
	const account = accountMaker(db, prefix);
	await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
	const worker = await account(['youth_worker']);
	if (workerOnDuty) await goOnDuty(db, worker);
	return { db, account, worker };
}
