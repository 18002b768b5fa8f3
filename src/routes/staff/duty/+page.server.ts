import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { assignableStaff } from '$lib/server/safeguarding/cases';
import {
	goOffDuty,
	goOnDuty,
	isOnDuty,
	onDutyNow,
	planShift,
	upcomingShifts
} from '$lib/server/safeguarding/duty';
import { formatDateTime, parseLondonDateTime } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'duty.go_on');
	const db = await database();
	const now = new Date();
	const [meOnDuty, onDuty, shifts, staff] = await Promise.all([
		isOnDuty(db, me.id),
		onDutyNow(db, now),
		upcomingShifts(db, now),
		assignableStaff(db)
	]);
	return {
		me: { id: me.id },
		meOnDuty,
		onDuty: onDuty.map((u) => ({ id: u.id, username: u.username, isMe: u.id === me.id })),
		shifts: shifts.map((s) => ({
			id: s.id,
			username: s.username,
			starts: formatDateTime(s.startsAt),
			ends: formatDateTime(s.endsAt),
			startsAt: s.startsAt.toISOString(),
			endsAt: s.endsAt.toISOString(),
			current: s.startsAt <= now,
			note: s.note
		})),
		staff
	};
};

export const actions: Actions = {
	on: async ({ locals, url }) => {
		const me = requireCapability(locals, url, 'duty.go_on');
		try {
			await goOnDuty(await database(), me);
			return { done: 'on' as const };
		} catch (error) {
			return failFromError(error);
		}
	},
	off: async ({ locals, url }) => {
		const me = requireCapability(locals, url, 'duty.go_on');
		try {
			await goOffDuty(await database(), me);
			return { done: 'off' as const };
		} catch (error) {
			return failFromError(error);
		}
	},
	plan: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'duty.go_on');
		const data = await request.formData();
		const values = formValues(data);
		const userId = parseId(text(data, 'userId'));
		const startsAt = parseLondonDateTime(text(data, 'startsAt'));
		const endsAt = parseLondonDateTime(text(data, 'endsAt'));
		const errors: Record<string, string> = {};
		if (userId === null) errors.userId = 'Choose who the shift is for.';
		if (!startsAt) errors.startsAt = 'Enter the date and time the shift starts.';
		if (!endsAt) errors.endsAt = 'Enter the date and time the shift ends.';
		if (userId === null || !startsAt || !endsAt)
			return fail(400, { values, errors, message: Object.values(errors)[0] });
		const note = text(data, 'note').trim();
		try {
			const shift = await planShift(await database(), me, {
				userId,
				startsAt,
				endsAt,
				note: note || undefined
			});
			return { done: 'planned' as const, planned: formatDateTime(shift.startsAt) };
		} catch (error) {
			return failFromError(error, values);
		}
	}
};
