/**
 * Whether members can write in a room now, and what to tell them when not. Open means: not
 * archived, within its weekly hours (or it has none), and opened by a youth worker whose opening
 * has not lapsed. Locked rooms are open but paused. Pure, so pages, sockets and tests agree.
 */
import type { ChatRoom } from '../db/schema';
import { londonMomentLabel, openingWindow } from '../../signposting/opening-hours';

/** A room without weekly hours stays open this long after a youth worker opens it, at most. */
export const OPENING_MAX_HOURS = 12;

export type RoomTimes = Pick<ChatRoom, 'openHours' | 'openUntil' | 'locked' | 'archivedAt'>;

export interface Availability {
	/** Open for members (a locked room is open but paused). */
	open: boolean;
	/** Members may write: open and not locked. */
	writable: boolean;
	/** Within its weekly hours (always true for a room without hours). */
	withinHours: boolean;
	/** The end of the hours it is in now, if it has hours. */
	hoursEndAt: Date | null;
	statusLabel: string;
}

export function roomAvailability(room: RoomTimes, now: Date): Availability {
	const window = room.openHours.length ? openingWindow(room.openHours, now) : null;
	const withinHours = window === null || window.open;
	const hoursEndAt = window?.open ? window.closesAt : null;
	const opened = room.openUntil !== null && room.openUntil > now;
	const open = !room.archivedAt && withinHours && opened;
	return {
		open,
		writable: open && !room.locked,
		withinHours,
		hoursEndAt,
		statusLabel: statusLabel(room, { open, window, now })
	};
}

function statusLabel(
	room: RoomTimes,
	{ open, window, now }: { open: boolean; window: ReturnType<typeof openingWindow>; now: Date }
): string {
	if (room.archivedAt) return 'This room has closed for good. You can still read it.';
	if (open && room.locked)
		return 'Paused by a youth worker: you can read, and write again when they unpause it.';
	if (open) return `Open now until ${londonMomentLabel(room.openUntil!, now)}`;
	if (window && !window.open)
		return `Closed. Opens at ${londonMomentLabel(window.opensAt, now)}, when a youth worker is here.`;
	if (window?.open)
		return `Closed until a youth worker opens it, during its hours until ${londonMomentLabel(window.closesAt, now)}.`;
	return 'Closed until a youth worker opens it.';
}

/** Until when a youth worker's "open" lasts: the end of the hours, or the maximum stretch. */
export function openingEndsAt(room: RoomTimes, now: Date): Date | null {
	const { withinHours, hoursEndAt } = roomAvailability(room, now);
	if (!withinHours) return null;
	return hoursEndAt ?? new Date(now.getTime() + OPENING_MAX_HOURS * 3_600_000);
}
