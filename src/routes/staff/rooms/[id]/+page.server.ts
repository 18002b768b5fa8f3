import { error, fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError, ValidationError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	archiveRoom,
	inviteToRoom,
	loadRoom,
	roomMembers,
	updateRoom
} from '$lib/server/chat/rooms';
import { controlRoom } from '$lib/server/chat/controls';
import { OPENING_MAX_HOURS } from '$lib/server/chat/availability';
import { formatDateTime } from '$lib/format';
import { ROOM_SLOW_MODE_CHOICES, slowModeSecondsLabel } from '$lib/chat';
import { formFromRoom, roomFromForm, roomSummary } from '../room-form';
import type { Actions, PageServerLoad } from './$types';

const NO_SUCH_ROOM =
	'There is no room with that number. Go back to the chat rooms and choose one from there.';

function roomId(raw: string): number {
	const id = parseId(raw);
	if (id === null) error(404, NO_SUCH_ROOM);
	return id;
}

const CONTROLS = ['open', 'close', 'lock', 'unlock', 'slow-mode'] as const;
type Control = (typeof CONTROLS)[number];
const CONTROL_DONE: Record<Control, string> = {
	open: 'opened',
	close: 'closed',
	lock: 'locked',
	unlock: 'unlocked',
	'slow-mode': 'slowed'
};

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireCapability(locals, url, 'rooms.run');
	const id = roomId(params.id);
	const db = await database();
	try {
		const room = await loadRoom(db, id);
		const now = new Date();
		const members = await roomMembers(db, me, id);
		return {
			room: {
				...roomSummary(room, now),
				openUntil: room.openUntil && room.openUntil > now ? formatDateTime(room.openUntil) : null
			},
			values: formFromRoom(room),
			members: members.map((m) => ({
				userId: m.userId,
				username: m.username,
				invited: m.invited,
				pausedUntil: m.mutedUntil && m.mutedUntil > now ? formatDateTime(m.mutedUntil) : null,
				removed: m.removedAt ? formatDateTime(m.removedAt) : null
			})),
			slowModeChoices: ROOM_SLOW_MODE_CHOICES.map((seconds) => ({
				value: String(seconds),
				label: seconds === 0 ? 'Off' : slowModeSecondsLabel(seconds).replace('Slow mode: ', '')
			})),
			openingMaxHours: OPENING_MAX_HOURS,
			created: url.searchParams.has('created')
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, NO_SUCH_ROOM);
		throw e;
	}
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'rooms.run');
		const id = roomId(params.id);
		const data = await request.formData();
		try {
			const room = await updateRoom(await database(), me, id, roomFromForm(data));
			return { done: 'saved' as const, name: room.name };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'save' });
		}
	},
	control: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'rooms.run');
		const id = roomId(params.id);
		const data = await request.formData();
		const action = text(data, 'action') as Control;
		if (!CONTROLS.includes(action))
			return fail(400, {
				values: { form: 'control' },
				errors: {},
				message: 'Choose one of the buttons offered.'
			});
		try {
			await controlRoom(await database(), me, {
				action,
				roomId: id,
				...(action === 'slow-mode' ? { seconds: text(data, 'seconds') } : {})
			});
			return { done: CONTROL_DONE[action] };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'control' });
		}
	},
	invite: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'rooms.run');
		const id = roomId(params.id);
		const data = await request.formData();
		const intent = text(data, 'intent') === 'letBack' ? 'letBack' : 'invite';
		try {
			const person = await inviteToRoom(await database(), me, id, text(data, 'username'));
			return {
				done: intent === 'letBack' ? ('letBack' as const) : ('invited' as const),
				username: person.username
			};
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: intent });
		}
	},
	archive: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'rooms.run');
		const id = roomId(params.id);
		const data = await request.formData();
		try {
			if (data.get('confirm') !== 'yes')
				throw new ValidationError({
					confirm: 'Tick the box to say you are sure. Archiving cannot be undone.'
				});
			await archiveRoom(await database(), me, id);
			return { done: 'archived' as const };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'archive' });
		}
	}
};
