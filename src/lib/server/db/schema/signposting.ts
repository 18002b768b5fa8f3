/** The crisis and support directory shown at /help and beside risky content. */
import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { OpeningHours } from '../../../signposting/opening-hours';

export const crisisServices = pgTable('crisis_services', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	description: text('description').notNull(),
	phone: text('phone'),
	/** The number to text, and the word to send when the service asks for one (SHOUT to 85258). */
	smsNumber: text('sms_number'),
	smsKeyword: text('sms_keyword'),
	/** Anything else worth knowing about texting; the text link itself comes from the two above. */
	text: text('text_instructions'),
	email: text('email'),
	url: text('url'),
	/** The hours as people read them ("24/7", "See the NSPCC website"). */
	hours: text('hours').notNull(),
	/** The same hours as data, for "open now"; null when not known (listed, never "open now"). */
	openingHours: jsonb('opening_hours').$type<OpeningHours>(),
	whoFor: text('who_for').notNull(),
	tags: text('tags')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	emergency: boolean('emergency').notNull().default(false),
	visible: boolean('visible').notNull().default(true),
	position: integer('position').notNull().default(0),
	lastCheckedOn: date('last_checked_on', { mode: 'string' }).notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type CrisisService = typeof crisisServices.$inferSelect;
