/**
 * Dates as people here read them: Europe/London, day month year. Format on the server (in
 * load) so the page and its hydration show the same text.
 *
 * Each formatter is made when first used, not when this module loads: a browser's first
 * `Intl.DateTimeFormat` costs tens of milliseconds (hundreds on a slow phone), which a page that
 * shows dates formatted on the server need not pay while it hydrates.
 */
function formatter(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
	let made: Intl.DateTimeFormat | undefined;
	return () =>
		(made ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options }));
}

const dateTime = formatter({
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

const dateOnly = formatter({ day: 'numeric', month: 'short', year: 'numeric' });

/**
 * Labels by minute since the epoch: the label shows minutes, not seconds, and since 1970 London's
 * offset from UTC has always been whole hours, so every instant in one UTC minute has the same
 * label. A thread page
 * formats fifty of them per request; Intl is slow enough for that to show.
 */
const minuteLabels = new Map<number, string>();
const MINUTE_LABELS_KEPT = 50_000;

export function formatDateTime(date: Date | null | undefined, empty = 'Never'): string {
	if (!date) return empty;
	const time = date.getTime();
	if (!(time >= 0)) return dateTime().format(date); // before 1970, or invalid (throws, as before)
	const minute = Math.floor(time / 60_000);
	let label = minuteLabels.get(minute);
	if (label === undefined) {
		if (minuteLabels.size >= MINUTE_LABELS_KEPT) minuteLabels.clear();
		label = dateTime().format(minute * 60_000);
		minuteLabels.set(minute, label);
	}
	return label;
}

export function formatDate(date: Date | null | undefined, empty = 'Never'): string {
	return date ? dateOnly().format(date) : empty;
}

const londonParts = formatter({
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** The wall-clock time in London at this instant, as if it were UTC (for offset arithmetic). */
function londonWallClock(at: number): number {
	const parts = Object.fromEntries(
		londonParts()
			.formatToParts(new Date(at))
			.map((p) => [p.type, p.value])
	);
	return Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second)
	);
}

/**
 * A `datetime-local` value ("2025-03-27T18:30") read as London time, or null if it is not one.
 * Handles the clocks changing: in the hour that does not exist in spring the time is read as
 * GMT; in the hour that happens twice in autumn, the first (BST) one is meant.
 */
export function parseLondonDateTime(value: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (
		Number.isNaN(wall) ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59
	)
		return null;
	// London is UTC+0 or UTC+1: try the earlier instant (BST) first.
	for (const offsetHours of [1, 0]) {
		const at = wall - offsetHours * 3_600_000;
		if (londonWallClock(at) === wall) return new Date(at);
	}
	return new Date(wall); // the missing spring hour
}

/** This instant as a `datetime-local` value in London time. */
export function toLondonInput(date: Date): string {
	return new Date(londonWallClock(date.getTime())).toISOString().slice(0, 16);
}

/** "just now", "3 min ago", "2 hours ago", "4 days ago". */
export function timeAgo(date: Date, now: Date): string {
	const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
	if (seconds < 60) return 'just now';
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
	return `${Math.floor(hours / 24)} days ago`;
}
