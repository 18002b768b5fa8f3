/**
 * Roles → capabilities. This is the only place roles are interpreted: everywhere else asks
 * `can(user, capability)`. A person may hold several roles; they get the union.
 */
import type { Role } from './db/schema/users';
import { formatDateTime } from '../format';

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
		'rooms.run',
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
		'rooms.run',
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
	/** Muted by a youth worker until then: may read, not post, react or chat. */
	mutedUntil?: Date | null;
}

/** What a muted person cannot do while the mute lasts (forum and chat alike). */
const MUTED_WITHOUT: readonly Capability[] = ['content.post', 'content.react'];

export function isMuted(actor: Actor | null | undefined, now = new Date()): boolean {
	return Boolean(actor?.mutedUntil && actor.mutedUntil > now);
}

export function capabilitiesOf(actor: Actor | null | undefined): Set<Capability> {
	if (!actor || actor.suspended) return new Set();
	const granted = new Set(actor.roles.flatMap((role) => ROLE_CAPABILITIES[role] ?? []));
	if (isMuted(actor)) for (const capability of MUTED_WITHOUT) granted.delete(capability);
	return granted;
}

const ROLE_CAPABILITY_SETS = new Map<Role, ReadonlySet<Capability>>(
	Object.entries(ROLE_CAPABILITIES).map(([role, capabilities]) => [
		role as Role,
		new Set(capabilities)
	])
);

/** Same answer as capabilitiesOf(actor).has(capability), without building the set (pages ask often). */
export function can(actor: Actor | null | undefined, capability: Capability): boolean {
	if (!actor || actor.suspended) return false;
	if (MUTED_WITHOUT.includes(capability) && isMuted(actor)) return false;
	return actor.roles.some((role) => ROLE_CAPABILITY_SETS.get(role)?.has(capability) ?? false);
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

/** What a muted person is told when they try to post: until when, and that they can still read. */
export function mutedRefusal(actor: Actor, now = new Date()): string | null {
	return isMuted(actor, now)
		? `A youth worker has paused your posting until ${formatDateTime(actor.mutedUntil)}. You can still read, and get help any time.`
		: null;
}

/**
 * Posting anywhere (forum, chat): refused while muted, saying until when, so the person knows
 * they can still read and when they can write again. A write path that reads the words first
 * passes `screenFirst`: the mute is then left to `heldWhileMuted` after screening
 * (safety/while-muted.ts), so that someone at risk still reaches a youth worker.
 */
export function assertMayPost(
	actor: Actor | null | undefined,
	{ screenFirst = false }: { screenFirst?: boolean } = {}
): asserts actor is Actor {
	const muted = actor ? mutedRefusal(actor) : null;
	if (muted && !screenFirst) throw new NotAllowedError(muted);
	authorise(
		actor && muted ? { ...actor, mutedUntil: null } : actor,
		'content.post',
		'Your account cannot post at the moment.'
	);
}
