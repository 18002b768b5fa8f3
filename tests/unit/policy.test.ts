/**
 * Who may do what. The expected table is written out by hand from the roles in DESIGN.md, so a
 * change to ROLE_CAPABILITIES that gives or takes away a power shows up here as a failure that
 * someone has to agree with.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/lib/server/db/schema/users';
import {
	assertMayPost,
	authorise,
	can,
	capabilitiesOf,
	CAPABILITIES,
	isStaff,
	NotAllowedError,
	type Actor,
	type Capability
} from '../../src/lib/server/policy';

const Y = true;
const _ = false;

// prettier-ignore
const EXPECTED: Record<Capability, [young_person: boolean, youth_worker: boolean, safeguarding_lead: boolean, coproduction_lead: boolean, admin: boolean]> = {
	//                             member  worker  DSL   coprod  admin
	'content.post':               [Y,      Y,      Y,     Y,     Y],
	'content.react':              [Y,      Y,      Y,     Y,     Y],
	'content.report':             [Y,      Y,      Y,     Y,     Y],
	'rooms.join':                 [Y,      Y,      Y,     Y,     Y],
	'workshops.join':             [Y,      Y,      Y,     Y,     Y],
	'account.manage_own':         [Y,      Y,      Y,     Y,     Y],
	'staff.badge':                [_,      Y,      Y,     Y,     Y],
	'moderation.review':          [_,      Y,      Y,     _,     _],
	'moderation.act':             [_,      Y,      Y,     _,     _],
	'safeguarding.see_alerts':    [_,      Y,      Y,     _,     _],
	'safeguarding.open_case':     [_,      Y,      Y,     _,     _],
	'duty.go_on':                 [_,      Y,      Y,     _,     _],
	'rooms.run':                  [_,      Y,      Y,     _,     Y],
	'invites.create':             [_,      Y,      Y,     Y,     Y],
	'safeguarding.see_all_cases': [_,      _,      Y,     _,     Y],
	'safeguarding.assign':        [_,      _,      Y,     _,     _],
	'safeguarding.refer':         [_,      _,      Y,     _,     _],
	'safeguarding.close_case':    [_,      _,      Y,     _,     _],
	'workshops.run':              [_,      _,      _,     Y,     _],
	'outcomes.publish':           [_,      _,      _,     Y,     _],
	'admin.users':                [_,      _,      _,     _,     Y],
	'admin.categories':           [_,      _,      _,     _,     Y],
	'admin.rooms':                [_,      _,      _,     _,     Y],
	'admin.directory':            [_,      _,      _,     _,     Y],
	'admin.watched_words':        [_,      _,      _,     _,     Y],
	'admin.settings':             [_,      _,      _,     _,     Y],
	'audit.read':                 [_,      _,      Y,     _,     Y]
};

const COLUMN: Record<Role, number> = {
	young_person: 0,
	youth_worker: 1,
	safeguarding_lead: 2,
	coproduction_lead: 3,
	admin: 4
};

const person = (...roles: Role[]): Actor => ({ id: 1, roles });

describe('roles and capabilities', () => {
	it('has an expected answer for every capability and every role', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...CAPABILITIES].sort());
		expect(Object.keys(COLUMN).sort()).toEqual([...ROLES].sort());
	});

	const cases = ROLES.flatMap((role) =>
		CAPABILITIES.map((capability) => ({
			role,
			capability,
			allowed: EXPECTED[capability][COLUMN[role]]
		}))
	);

	it.each(cases)('$role: $capability is $allowed', ({ role, capability, allowed }) => {
		expect(can(person(role), capability)).toBe(allowed);
	});

	it('gives someone with several roles everything each of those roles can do', () => {
		const both = person('youth_worker', 'admin');
		for (const capability of CAPABILITIES) {
			const either =
				EXPECTED[capability][COLUMN.youth_worker] || EXPECTED[capability][COLUMN.admin];
			expect(can(both, capability), capability).toBe(either);
		}
		// A youth worker who is also an admin can both moderate and change settings.
		expect(can(both, 'moderation.act')).toBe(true);
		expect(can(both, 'admin.settings')).toBe(true);
		expect(can(both, 'safeguarding.close_case')).toBe(false);
	});

	it('lets a suspended person do nothing at all, whatever their roles', () => {
		const suspended: Actor = { ...person(...ROLES), suspended: true };
		expect(capabilitiesOf(suspended).size).toBe(0);
		for (const capability of CAPABILITIES) expect(can(suspended, capability)).toBe(false);
		expect(isStaff(suspended)).toBe(false);
	});

	it('lets nobody who is not signed in do anything', () => {
		for (const capability of CAPABILITIES) {
			expect(can(null, capability)).toBe(false);
			expect(can(undefined, capability)).toBe(false);
		}
		expect(isStaff(null)).toBe(false);
	});

	it('marks every staff role, and only staff roles, as staff', () => {
		expect(isStaff(person('young_person'))).toBe(false);
		for (const role of [
			'youth_worker',
			'safeguarding_lead',
			'coproduction_lead',
			'admin'
		] as const) {
			expect(isStaff(person(role)), role).toBe(true);
		}
	});

	it('refuses with a clear message when a person lacks the capability', () => {
		expect(() =>
			authorise(person('young_person'), 'admin.users', 'Only admins can manage accounts.')
		).toThrow(new NotAllowedError('Only admins can manage accounts.'));
		expect(() => authorise(null, 'content.post')).toThrow(NotAllowedError);
		expect(() => authorise(person('admin'), 'admin.users')).not.toThrow();
	});

	it('lets a muted person read, report and ask for help, but not post or react, until the mute ends', () => {
		const later = new Date(Date.now() + 60_000);
		const earlier = new Date(Date.now() - 60_000);
		const muted = { ...person('young_person'), mutedUntil: later };
		expect(can(muted, 'content.post')).toBe(false);
		expect(can(muted, 'content.react')).toBe(false);
		expect(can(muted, 'content.report')).toBe(true);
		expect(capabilitiesOf(muted).has('content.post')).toBe(false);
		expect(() => assertMayPost(muted)).toThrow(/paused your posting until/);
		const over = { ...person('young_person'), mutedUntil: earlier };
		expect(can(over, 'content.post')).toBe(true);
		expect(() => assertMayPost(over)).not.toThrow();
		expect(can({ ...person('admin'), suspended: true }, 'admin.users')).toBe(false);
	});
});
