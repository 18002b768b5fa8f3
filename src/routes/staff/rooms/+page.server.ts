import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { allRooms, createRoom } from '$lib/server/chat/rooms';
import { OPENING_MAX_HOURS } from '$lib/server/chat/availability';
import { roomFromForm, roomSummary } from './room-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'rooms.run');
	const now = new Date();
	const rooms = await allRooms(await database(), me);
	return {
		rooms: rooms.map((room) => roomSummary(room, now)),
		openingMaxHours: OPENING_MAX_HOURS
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'rooms.run');
		const data = await request.formData();
		let id: number;
		try {
			id = (await createRoom(await database(), me, roomFromForm(data))).id;
		} catch (error) {
			return failFromError(error, { ...formValues(data), form: 'create' });
		}
		redirect(303, `/staff/rooms/${id}?created=1`);
	}
};
