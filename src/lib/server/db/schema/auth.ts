/** Sign-up and sign-in support: invite codes and the login rate-limit counters. */
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

export const invites = pgTable('invites', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	code: text('code').notNull().unique(),
	note: text('note'),
	maxUses: integer('max_uses').notNull().default(1),
	uses: integer('uses').notNull().default(0),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	createdById: integer('created_by_id')
		.notNull()
		.references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export type Invite = typeof invites.$inferSelect;

/** The table rate-limiter-flexible's RateLimiterDrizzle keeps its counters in (shared by all instances). */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	points: integer('points').notNull().default(0),
	expire: timestamp('expire', { withTimezone: true })
});
