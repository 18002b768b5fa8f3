/** Admin-editable settings, one row per key; defaults live in code (src/lib/server/settings). */
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedById: integer('updated_by_id'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
