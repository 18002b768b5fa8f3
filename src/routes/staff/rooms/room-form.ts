/** A room form → the service's input, a stored room → the form's values, and how rooms are listed. */
import { text } from '$lib/server/http/form';
import type { ChatRoom } from '$lib/server/db/schema';
import type { RoomInput } from '$lib/server/chat/rooms';
import { roomAvailability } from '$lib/server/chat/availability';
import { formatWeeklyHours } from '$lib/signposting/opening-hours';
import { formatDateTime } from '$lib/format';
import { ROOM_KIND_LABELS, slowModeSecondsLabel, type RoomKindKey } from '$lib/chat';

export function roomFromForm(data: FormData): RoomInput {
	return {
		name: text(data, 'name'),
		description: text(data, 'description'),
		kind: text(data, 'kind') as RoomInput['kind'],
		guidelines: text(data, 'guidelines'),
		contentWarning: text(data, 'contentWarning'),
		maxMembers: text(data, 'maxMembers'),
		openHours: text(data, 'openHours')
	};
}

export function formFromRoom(room: ChatRoom): Record<string, string> {
	return {
		name: room.name,
		description: room.description,
		kind: room.kind,
		guidelines: room.guidelines,
		contentWarning: room.contentWarning ?? '',
		maxMembers: room.maxMembers === null ? '' : String(room.maxMembers),
		openHours: formatWeeklyHours(room.openHours)
	};
}

/** A room as the staff list and the room's page show it. */
export function roomSummary(room: ChatRoom, now: Date) {
	const availability = roomAvailability(room, now);
	return {
		id: room.id,
		name: room.name,
		kind: room.kind as RoomKindKey,
		kindLabel: ROOM_KIND_LABELS[room.kind as RoomKindKey] ?? room.kind,
		open: availability.open,
		withinHours: availability.withinHours,
		/** For staff: open until when, else why it is closed and when it next opens. */
		statusLabel: availability.open
			? `Open until ${formatDateTime(room.openUntil)}.`
			: availability.statusLabel,
		locked: room.locked,
		slowModeSeconds: room.slowModeSeconds,
		slowModeLabel: slowModeSecondsLabel(room.slowModeSeconds),
		hours: room.openHours.length ? formatWeeklyHours(room.openHours) : null,
		maxMembers: room.maxMembers,
		archived: room.archivedAt ? formatDateTime(room.archivedAt) : null
	};
}
