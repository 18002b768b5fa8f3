/**
 * Opening hours of the crisis directory's services, and whether a service is open at a given
 * moment. Hours are UK wall-clock times (Europe/London), so a service open 09:00–17:00 is open
 * 09:00–17:00 in both GMT and BST. Shared by the server (the /help page without JavaScript, the
 * crisis panel) and the browser (so a saved copy of /help still says what is open now).
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * One stretch of opening that starts on `day`. `closes` at or before `opens` means it runs past
 * midnight into the next day (Fri 19:00–02:00 closes at 02:00 on Saturday); `24:00` is midnight at
 * the end of the day.
 */
export interface OpeningPeriod {
	day: Weekday;
	opens: string;
	closes: string;
}

/** `null` (hours not known) means a service is listed but never shown as open now. */
export type OpeningHours = { kind: 'always' } | { kind: 'weekly'; periods: OpeningPeriod[] };

export type OpenState =
	| { state: 'open'; always: boolean; label: string }
	| { state: 'closed'; label: string }
	| { state: 'unknown'; label: string };

export const TIME_ZONE = 'Europe/London';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SHORT_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = 7 * 1440;

const londonParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	weekday: 'short',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** The weekday and minute of the day on a clock in London at `now`. */
export function londonClock(now: Date): { day: Weekday; minutes: number } {
	const parts = Object.fromEntries(londonParts.formatToParts(now).map((p) => [p.type, p.value]));
	const day = (SHORT_DAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3)) + 1) as Weekday;
	return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** "09:30" → 570; "24:00" → 1440; anything else → null. */
export function minutesOf(time: string): number | null {
	const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
	if (!match) return null;
	const minutes = Number(match[1]) * 60 + Number(match[2]);
	return minutes > 1440 ? null : minutes;
}

/**
 * The periods as [start, end) in minutes since Monday 00:00, over two weeks so that a stretch
 * running past Sunday midnight stays whole, with overlapping and back-to-back stretches merged
 * (Mon 00:00–24:00 then Tue 00:00–12:00 is one stretch ending Tuesday noon).
 */
function spansOf(periods: OpeningPeriod[]): [number, number][] {
	const week: [number, number][] = [];
	for (const p of periods) {
		const opens = minutesOf(p.opens);
		const closes = minutesOf(p.closes);
		if (opens === null || closes === null || opens >= 1440) continue;
		const start = (p.day - 1) * 1440 + opens;
		week.push([start, start + (closes > opens ? closes - opens : closes + 1440 - opens)]);
	}
	const twoWeeks = [...week, ...week.map(([s, e]): [number, number] => [s + WEEK, e + WEEK])];
	twoWeeks.sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const [start, end] of twoWeeks) {
		const last = merged[merged.length - 1];
		if (last && start <= last[1]) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	return merged;
}

/** When `target` is, said from `t` (both minutes into the two weeks): "22:00", "09:00 tomorrow". */
function clockLabel(target: number, t: number): string {
	const minutes = target % 1440;
	const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
	const daysAhead = Math.floor(target / 1440) - Math.floor(t / 1440);
	if (daysAhead === 0) return time;
	if (daysAhead === 1) return minutes === 0 ? 'midnight' : `${time} tomorrow`;
	return `${time} on ${DAY_NAMES[Math.floor(target / 1440) % 7]}`;
}

/** Whether a service is open at `now`, with a short label ("Open now until 22:00"). */
export function openingStatus(hours: OpeningHours | null | undefined, now: Date): OpenState {
	if (!hours) return { state: 'unknown', label: 'Opening hours not known: check with the service' };
	if (hours.kind === 'always') return { state: 'open', always: true, label: 'Open 24 hours' };
	if (hours.kind !== 'weekly' || !Array.isArray(hours.periods))
		return { state: 'unknown', label: 'Opening hours not known: check with the service' };
	const spans = spansOf(hours.periods);
	if (spans.length === 0)
		return { state: 'unknown', label: 'Opening hours not known: check with the service' };
	const clock = londonClock(now);
	// `now` as minutes into the second of the two weeks, so every stretch that covers it is whole.
	const t = WEEK + (clock.day - 1) * 1440 + clock.minutes;
	const current = spans.find(([start, end]) => start <= t && t < end);
	if (current) {
		if (current[1] - current[0] >= WEEK)
			return { state: 'open', always: true, label: 'Open 24 hours' };
		return {
			state: 'open',
			always: false,
			label: `Open now until ${clockLabel(current[1], t)}`
		};
	}
	const next = spans.find(([start]) => start > t) ?? spans.find(([start]) => start + WEEK > t)!;
	const opensAt = next[0] > t ? next[0] : next[0] + WEEK;
	return { state: 'closed', label: `Closed now. Opens at ${clockLabel(opensAt, t)}` };
}

/**
 * Weekly hours as moments: when the stretch covering `now` ends (`closesAt`), or when the next one
 * starts (`opensAt`). Null for no usable periods. Minutes are counted on London's clock from
 * `now`, so across a clock change the moment can be an hour out; rooms re-check at every write.
 */
export function openingWindow(
	periods: OpeningPeriod[],
	now: Date
): { open: true; closesAt: Date } | { open: false; opensAt: Date } | null {
	const spans = spansOf(periods);
	if (spans.length === 0) return null;
	const clock = londonClock(now);
	const t = WEEK + (clock.day - 1) * 1440 + clock.minutes;
	const startOfMinute = now.getTime() - (now.getTime() % 60_000);
	const at = (minutes: number) => new Date(startOfMinute + (minutes - t) * 60_000);
	const current = spans.find(([start, end]) => start <= t && t < end);
	if (current) return { open: true, closesAt: at(current[1]) };
	const next = spans.find(([start]) => start > t) ?? spans.find(([start]) => start + WEEK > t)!;
	return { open: false, opensAt: at(next[0] > t ? next[0] : next[0] + WEEK) };
}

/** A moment within the coming week said from now: "21:00", "09:00 tomorrow", "19:00 on Tuesday". */
export function londonMomentLabel(at: Date, now: Date): string {
	const clock = londonClock(now);
	const t = WEEK + (clock.day - 1) * 1440 + clock.minutes;
	const startOfMinute = now.getTime() - (now.getTime() % 60_000);
	return clockLabel(t + Math.round((at.getTime() - startOfMinute) / 60_000), t);
}

export function isOpenNow(hours: OpeningHours | null | undefined, now: Date): boolean {
	return openingStatus(hours, now).state === 'open';
}

const DAY_WORDS: Record<string, Weekday> = {
	mon: 1,
	monday: 1,
	tue: 2,
	tues: 2,
	tuesday: 2,
	wed: 3,
	wednesday: 3,
	thu: 4,
	thur: 4,
	thurs: 4,
	thursday: 4,
	fri: 5,
	friday: 5,
	sat: 6,
	saturday: 6,
	sun: 7,
	sunday: 7
};

/**
 * Reads weekly hours as an admin types them, one stretch per line (or separated by `;`), in
 * 24-hour time with minutes, so "9-5" cannot be misread: "Mon–Fri 09:00–17:00",
 * "Sat, Sun 10:00-14:00", "Daily 19:00–02:00", "Weekdays 9.30 to 22.00".
 * Returns the periods, or the first line it could not read.
 */
export function parseWeeklyHours(
	text: string
): { ok: true; periods: OpeningPeriod[] } | { ok: false; error: string } {
	const lines = text
		.split(/[\n;]+/)
		.map((l) => l.trim())
		.filter(Boolean);
	if (lines.length === 0) return { ok: false, error: 'Enter the opening times, one per line.' };
	const periods: OpeningPeriod[] = [];
	for (const line of lines) {
		const match = /^(.+?)\s+(\d{1,2})[:.](\d{2})\s*(?:-|–|—|to)\s*(\d{1,2})[:.](\d{2})$/i.exec(
			line
		);
		const problem = `Could not read “${line}”. Write it like “Mon–Fri 09:00–17:00”, in 24-hour time.`;
		if (!match) return { ok: false, error: problem };
		const days = parseDays(match[1]);
		if (!days) return { ok: false, error: problem };
		const opens = clock(match[2], match[3]);
		const closes = clock(match[4], match[5]);
		if (!opens || !closes || opens === '24:00') return { ok: false, error: problem };
		if (opens === closes)
			return {
				ok: false,
				error: `“${line}” opens and closes at the same time. For all day, write 00:00–24:00.`
			};
		for (const day of days) periods.push({ day, opens, closes });
	}
	periods.sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
	return { ok: true, periods };
}

function clock(hours: string, minutes: string): string | null {
	const value = `${hours.padStart(2, '0')}:${minutes}`;
	return minutesOf(value) === null ? null : value;
}

function parseDays(text: string): Weekday[] | null {
	const t = text.trim().toLowerCase().replace(/:$/, '');
	if (t === 'daily' || t === 'every day' || t === 'everyday') return [1, 2, 3, 4, 5, 6, 7];
	if (t === 'weekdays') return [1, 2, 3, 4, 5];
	if (t === 'weekends') return [6, 7];
	const days = new Set<Weekday>();
	for (const part of t.split(/\s*(?:,|&|\band\b)\s*/).filter(Boolean)) {
		const range = part.split(/\s*(?:-|–|—|to)\s*/);
		if (range.length === 1) {
			const day = DAY_WORDS[range[0]];
			if (!day) return null;
			days.add(day);
		} else if (range.length === 2) {
			const from = DAY_WORDS[range[0]];
			const to = DAY_WORDS[range[1]];
			if (!from || !to) return null;
			for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
				days.add(d);
				if (d === to) break;
			}
		} else return null;
	}
	return days.size ? [...days].sort((a, b) => a - b) : null;
}

/** Periods back as text an admin can edit: days with the same times are grouped ("Mon–Fri"). */
export function formatWeeklyHours(periods: OpeningPeriod[]): string {
	const byTimes = new Map<string, Weekday[]>();
	for (const p of periods) {
		const key = `${p.opens}–${p.closes}`;
		byTimes.set(key, [...(byTimes.get(key) ?? []), p.day]);
	}
	const lines: { first: number; text: string }[] = [];
	for (const [times, days] of byTimes) {
		const sorted = [...new Set(days)].sort((a, b) => a - b);
		const runs: string[] = [];
		for (let i = 0; i < sorted.length; i++) {
			let j = i;
			while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
			const from = DAY_NAMES[sorted[i] - 1].slice(0, 3);
			const to = DAY_NAMES[sorted[j] - 1].slice(0, 3);
			runs.push(i === j ? from : `${from}–${to}`);
			i = j;
		}
		const dayText = runs.join(', ') === 'Mon–Sun' ? 'Daily' : runs.join(', ');
		lines.push({ first: sorted[0], text: `${dayText} ${times}` });
	}
	return lines
		.sort((a, b) => a.first - b.first)
		.map((l) => l.text)
		.join('\n');
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's date in London as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
	return londonDate.format(now);
}
