/** The crisis and support directory shown at /help and beside risky content. */
import { sql } from 'drizzle-orm';
import { boolean, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const crisisServices = pgTable('crisis_services', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	description: text('description').notNull(),
	phone: text('phone'),
	text: text('text_instructions'),
	email: text('email'),
	url: text('url'),
	hours: text('hours').notNull(),
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
