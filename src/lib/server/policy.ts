/**
 * Roles → capabilities. This is the only place roles are interpreted: everywhere else asks
 * `can(user, capability)`. A person may hold several roles; they get the union.
 */
import type { Role } from './db/schema/users';

export const CAPABILITIES = [
	// every signed-in member
	'content.post',
	'content.react',
	'content.report',
	'rooms.join',
	'workshops.join',
	'account.manage_own',
	// youth workers
	'staff.badge',
	'moderation.review',
	'moderation.act',
	'safeguarding.see_alerts',
	'safeguarding.open_case',
	'duty.go_on',
	'rooms.run',
	'invites.create',
	// safeguarding leads
	'safeguarding.see_all_cases',
	'safeguarding.assign',
	'safeguarding.refer',
	'safeguarding.close_case',
	// coproduction leads
	'workshops.run',
	'outcomes.publish',
	// admins
	'admin.users',
	'admin.categories',
	'admin.rooms',
	'admin.directory',
	'admin.watched_words',
	'admin.settings',
	'audit.read'
] as const;

export type Capability = (typeof CAPABILITIES)[number];

const MEMBER: Capability[] = [
	'content.post',
	'content.react',
	'content.report',
	'rooms.join',
	'workshops.join',
	'account.manage_own'
];

const STAFF: Capability[] = [...MEMBER, 'staff.badge'];

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
	young_person: MEMBER,
	youth_worker: [
		...STAFF,
		'moderation.review',
		'moderation.act',
		'safeguarding.see_alerts',
		'safeguarding.open_case',
		'duty.go_on',
		'rooms.run',
		'invites.create'
	],
	safeguarding_lead: [
		...STAFF,
		'moderation.review',
		'moderation.act',
		'safeguarding.see_alerts',
		'safeguarding.open_case',
		'safeguarding.see_all_cases',
		'safeguarding.assign',
		'safeguarding.refer',
		'safeguarding.close_case',
		'duty.go_on',
		'invites.create',
		'audit.read'
	],
	coproduction_lead: [...STAFF, 'workshops.run', 'outcomes.publish', 'invites.create'],
	admin: [
		...STAFF,
		'admin.users',
		'admin.categories',
		'admin.rooms',
		'admin.directory',
		'admin.watched_words',
		'admin.settings',
		'invites.create',
		'audit.read',
		// Admins may read cases (the design lets them); only leads assign, refer and close.
		'safeguarding.see_all_cases'
	]
};

/** What policy needs to know about a person: their roles and whether they may act at all. */
export interface Actor {
	id: number;
	roles: readonly Role[];
	suspended?: boolean;
}

export function capabilitiesOf(actor: Actor | null | undefined): Set<Capability> {
	if (!actor || actor.suspended) return new Set();
	return new Set(actor.roles.flatMap((role) => ROLE_CAPABILITIES[role] ?? []));
}

export function can(actor: Actor | null | undefined, capability: Capability): boolean {
	return capabilitiesOf(actor).has(capability);
}

export function isStaff(actor: Actor | null | undefined): boolean {
	return can(actor, 'staff.badge');
}

export const STAFF_ROLES: readonly Role[] = [
	'youth_worker',
	'safeguarding_lead',
	'coproduction_lead',
	'admin'
];

/** Raised by services when the actor lacks a capability; adapters turn it into 403 / { ok: false }. */
export class NotAllowedError extends Error {
	constructor(message = 'You do not have permission to do that.') {
		super(message);
	}
}

export function authorise(
	actor: Actor | null | undefined,
	capability: Capability,
	message?: string
): asserts actor is Actor {
	if (!can(actor, capability)) throw new NotAllowedError(message);
}
