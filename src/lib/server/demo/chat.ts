/**
 * Sample rooms for the demo: the Tuesday evening drop-in (with weekly hours), a drop-in with no set
 * hours that the demo youth worker can open any time, and an invited group.
 */
import { chatRooms } from '../db/schema';
import type { Database } from '../db';
import { createRoom } from '../chat/rooms';
import { byUsername } from './forum';

export async function seedDemoChat(db: Database): Promise<void> {
	if ((await db.$count(chatRooms)) > 0) return;
	const worker = await byUsername(db, 'demo_youthworker');
	if (!worker) return;
	const guidelines =
		'- Be kind: everyone here is finding their way.\n- Keep personal details (numbers, socials, school) to yourself.\n- If you are worried about someone, tell the youth worker or report the message.';
	await createRoom(db, worker, {
		name: 'Tuesday drop-in',
		description: 'A relaxed weekly catch-up with youth workers. Come as you are.',
		kind: 'drop_in',
		guidelines,
		openHours: 'Tue 18:00–21:00'
	});
	await createRoom(db, worker, {
		name: 'Exam stress chat',
		description: 'Revision, results and everything in between.',
		kind: 'drop_in',
		guidelines,
		maxMembers: 30
	});
	await createRoom(db, worker, {
		name: 'Young carers group',
		description: 'For young carers invited by a youth worker.',
		kind: 'group',
		guidelines
	});
}
