/**
 * Staff notes on a member: private to staff (never shown to members), newest first, each with
 * its author and time. Adding one is audited (that a note was written, not its words).
 */
import { desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { staffNotes, users } from '../db/schema';
import { parseOrThrow } from '../errors';
import { authorise } from '../policy';
import { tidyText } from '../content/limits';
import { publisher } from '../realtime/publisher';
import { loadMember } from './sanctions';
import { FORUM_EVENTS } from '../../forum';
import { STAFF_NOTE_MAX } from '../../moderation';

export const noteSchema = z.object({
	userId: z.number().int().positive().max(2_147_483_647),
	body: z
		.string({ message: 'Write the note before saving it.' })
		.transform((b) => tidyText(b).trim())
		.pipe(
			z
				.string()
				.min(1, 'Write the note before saving it.')
				.max(
					STAFF_NOTE_MAX,
					`Keep the note to ${STAFF_NOTE_MAX.toLocaleString('en-GB')} characters or fewer.`
				)
		)
});

export interface StaffNoteView {
	id: number;
	subjectId: number;
	body: string;
	author: string;
	createdAt: Date;
}

export async function addStaffNote(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof noteSchema>
): Promise<number> {
	const { userId, body } = parseOrThrow(noteSchema, input);
	const member = await loadMember(db, userId);
	authorise(actor, 'moderation.act', 'Only youth workers can write staff notes.');
	const noteId = await db.transaction(async (tx) => {
		const [note] = await tx
			.insert(staffNotes)
			.values({ subjectId: member.id, authorId: actor.id, body })
			.returning({ id: staffNotes.id });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'moderation.note.add',
			targetType: 'user',
			targetId: member.id,
			details: { noteId: note.id, length: body.length }
		});
		return note.id;
	});
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
	return noteId;
}

/** Notes on these members, newest first, at most `perMember` each. */
export async function staffNotesFor(
	db: Database,
	actor: CurrentUser,
	userIds: number[],
	perMember = 100
): Promise<Map<number, StaffNoteView[]>> {
	authorise(actor, 'moderation.review', 'Only staff who moderate can read staff notes.');
	const byMember = new Map<number, StaffNoteView[]>();
	if (userIds.length === 0) return byMember;
	const rows = await db
		.select({
			id: staffNotes.id,
			subjectId: staffNotes.subjectId,
			body: staffNotes.body,
			author: users.username,
			createdAt: staffNotes.createdAt
		})
		.from(staffNotes)
		.leftJoin(users, eq(users.id, staffNotes.authorId))
		.where(inArray(staffNotes.subjectId, [...new Set(userIds)]))
		.orderBy(desc(staffNotes.createdAt), desc(staffNotes.id));
	for (const r of rows) {
		const list = byMember.get(r.subjectId) ?? [];
		if (list.length >= perMember) continue;
		list.push({ ...r, author: r.author ?? 'Former staff member' });
		byMember.set(r.subjectId, list);
	}
	return byMember;
}
