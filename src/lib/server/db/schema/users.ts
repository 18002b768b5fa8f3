/** People: members and staff. Pseudonymous: no real names, no contact details. */
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const ROLES = [
	'young_person',
	'youth_worker',
	'safeguarding_lead',
	'coproduction_lead',
	'admin'
] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
	'users',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		username: text('username').notNull(),
		passwordHash: text('password_hash').notNull(),
		roles: text('roles')
			.array()
			.$type<Role[]>()
			.notNull()
			.default(sql`'{young_person}'::text[]`),
		dateOfBirth: date('date_of_birth', { mode: 'string' }),
		guidelinesAcceptedAt: timestamp('guidelines_accepted_at', { withTimezone: true }),
		/** Bumped by "sign out everywhere" and password changes; sessions carry the value they were issued with. */
		sessionVersion: integer('session_version').notNull().default(0),
		suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
		suspendedReason: text('suspended_reason'),
		/** Muted: may read but not post, react or chat until then (forum and chat). */
		mutedUntil: timestamp('muted_until', { withTimezone: true }),
		inviteId: integer('invite_id'),
		createdById: integer('created_by_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
		index('users_roles_idx').using('gin', t.roles)
	]
);

export type User = typeof users.$inferSelect;
