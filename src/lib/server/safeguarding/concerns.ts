/**
 * Concerns raised by people rather than by screening: a member who is worried about someone
 * ("I'm worried about this person", open to every member, new ones included), or a member of
 * staff who has seen or heard something. Either becomes a safeguarding alert with the words
 * kept as evidence.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { users } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise, can, type Actor } from '../policy';
import { announceAlert, raiseAlert } from './alerts';
import { typedText } from '../content/limits';

const concernSchema = z.object({
	username: typedText()
		.pipe(z.string().max(24, 'Usernames are at most 24 characters.'))
		.optional()
		.transform((v) => v || undefined),
	note: typedText('Tell us what is worrying you.').pipe(
		z
			.string()
			.min(5, 'Tell us a little about what is worrying you.')
			.max(2000, 'Keep this under 2,000 characters.')
	),
	level: z.enum(['imminent', 'high', 'concern']).optional()
});

export type ConcernInput = z.input<typeof concernSchema>;

/** Raises the alert and announces it; returns its id. */
export async function raiseConcern(
	db: Database,
	actor: Actor,
	input: ConcernInput
): Promise<number> {
	const data = parseOrThrow(concernSchema, input);
	authorise(actor, 'content.report', 'Please sign in to tell a youth worker.');
	const staff = can(actor, 'safeguarding.see_alerts');
	if (staff && !data.level) throw new ValidationError({ level: 'Choose how urgent this is.' });

	const subject = data.username ? await findSubject(db, data.username) : null;
	if (data.username && !subject) {
		throw new ValidationError({
			username:
				'Nobody here has that username. Check it, or leave it empty and describe who you mean.'
		});
	}
	const raised = await db.transaction((tx) =>
		raiseAlert(tx as unknown as Database, {
			// A member's worry is taken as seriously as a high-risk post: a person saw something.
			level: staff ? data.level! : 'high',
			source: staff ? 'staff' : 'report',
			reasons: [staff ? 'raised by staff' : 'a member is worried about this person'],
			subject: { id: subject?.id ?? null, username: subject?.username ?? null },
			raisedById: actor.id,
			note: data.note,
			evidence: { contentType: staff ? 'staff_concern' : 'member_concern', text: data.note }
		})
	);
	await announceAlert(db, raised);
	return raised.alertId;
}

async function findSubject(db: Database, username: string) {
	const [row] = await db
		.select({ id: users.id, username: users.username })
		.from(users)
		.where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
	return row ?? null;
}
