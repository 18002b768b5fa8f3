/**
 * A date and a time as typed by someone in the UK, read without guessing: the date day first
 * ("26/11/2026", "26-11-26", or "2026-11-26"), the time on the 24-hour clock ("18:00", "18.00",
 * "1800") or with am/pm ("6pm", "6:30 pm"), in UK time. Each part says what is wrong with it in
 * words for the field it came from, and the result can be said back in full ("Thursday
 * 26 November at 18:00 (UK time)") so nobody has to trust a browser's own date format.
 * Shared by the server (which decides) and the browser (which shows what it will be read as).
 */
import { parseLondonDateTime } from './format';

export type Reading<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DayOfYear {
	year: number;
	month: number;
	day: number;
}

export interface ClockTime {
	hour: number;
	minute: number;
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

export const DATE_EXAMPLE = '26/11/2026';
export const TIME_EXAMPLE = '18:00';

/** "26/11/2026", "26-11-2026", "26.11.26", "26 11 2026", or "2026-11-26". */
export function readUkDate(text: string, what = 'date'): Reading<DayOfYear> {
	const typed = text.trim();
	if (typed === '') return { ok: false, error: `Enter the ${what}, like ${DATE_EXAMPLE}.` };
	let parts: [number, number, number] | null = null;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
	const dayFirst = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$/.exec(typed);
	if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (dayFirst) {
		const year = Number(dayFirst[3]);
		parts = [
			dayFirst[3].length === 2 ? 2000 + year : year,
			Number(dayFirst[2]),
			Number(dayFirst[1])
		];
	}
	if (!parts)
		return {
			ok: false,
			error: `Enter the ${what} as day/month/year in numbers, like ${DATE_EXAMPLE}.`
		};
	const [year, month, day] = parts;
	const check = new Date(Date.UTC(year, month - 1, day));
	if (
		year < 2000 ||
		year > 2999 ||
		month < 1 ||
		month > 12 ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day
	)
		return {
			ok: false,
			error:
				month >= 1 && month <= 12 && year >= 2000 && year <= 2999
					? `There is no ${day} ${MONTHS[month - 1]} ${year}: check the day (day/month/year).`
					: `That is not a real date: check it is day/month/year, like ${DATE_EXAMPLE}.`
		};
	return { ok: true, value: { year, month, day } };
}

/** "18:00", "18.00", "1800", "9:05", "6pm", "6:30 pm", "12am" (midnight). */
export function readUkTime(text: string, what = 'time'): Reading<ClockTime> {
	const typed = text.trim().toLowerCase().replace(/\s+/g, ' ');
	if (typed === '') return { ok: false, error: `Enter the ${what}, like ${TIME_EXAMPLE}.` };
	const refuse: Reading<ClockTime> = {
		ok: false,
		error: `Enter the ${what} on the 24-hour clock, like ${TIME_EXAMPLE} (or 6pm).`
	};
	const twelve = /^(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.?m\.?$/.exec(typed);
	if (twelve) {
		const hour = Number(twelve[1]);
		const minute = Number(twelve[2] ?? 0);
		if (hour < 1 || hour > 12 || minute > 59) return refuse;
		return { ok: true, value: { hour: (hour % 12) + (twelve[3] === 'p' ? 12 : 0), minute } };
	}
	const clock = /^(\d{1,2})[:.](\d{2})$/.exec(typed) ?? /^(\d{2})(\d{2})$/.exec(typed);
	if (!clock) return refuse;
	const hour = Number(clock[1]);
	const minute = Number(clock[2]);
	if (hour > 23 || minute > 59) return refuse;
	return { ok: true, value: { hour, minute } };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant this day and time is in London (the clocks' changes handled as parseLondonDateTime does). */
export function londonInstant(date: DayOfYear, time: ClockTime): Date {
	const at = parseLondonDateTime(
		`${date.year}-${pad(date.month)}-${pad(date.day)}T${pad(time.hour)}:${pad(time.minute)}`
	);
	if (!at) throw new Error('londonInstant: a date that readUkDate accepted was refused');
	return at;
}

let described: Intl.DateTimeFormat | undefined;

function londonParts(at: Date): Record<string, string> {
	described ??= new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	return Object.fromEntries(described.formatToParts(at).map((p) => [p.type, p.value]));
}

/**
 * "Thursday 26 November at 18:00 (UK time)"; the year too when it is not this year's (in London).
 */
export function describeUkDateTime(at: Date, now = new Date()): string {
	const parts = londonParts(at);
	const year = parts.year === londonParts(now).year ? '' : ` ${parts.year}`;
	return `${parts.weekday} ${parts.day} ${parts.month}${year} at ${parts.hour}:${parts.minute} (UK time)`;
}

/** What a date field shows for this instant: "26/11/2026" (London). */
export function ukDateInput(at: Date): string {
	const parts = londonParts(at);
	return `${pad(Number(parts.day))}/${pad(MONTHS.indexOf(parts.month) + 1)}/${parts.year}`;
}

/** What a time field shows for this instant: "18:00" (London). */
export function ukTimeInput(at: Date): string {
	const parts = londonParts(at);
	return `${parts.hour}:${parts.minute}`;
}
