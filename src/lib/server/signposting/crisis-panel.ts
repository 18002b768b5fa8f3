/**
 * Builds the crisis panel an author sees the moment their words screen as high or imminent risk
 * (or, lighter, as a concern). Follows the Samaritans' guidance for online platforms: warm,
 * non-judgemental and short; "If you are in immediate danger, call 999"; at least one way to call
 * and one way to text, from services open now; never a promise of a reply nobody can give.
 */
import type { Database } from '../db';
import type { CrisisService } from '../db/schema';
import { staffAvailability, type StaffAvailability } from '../safeguarding/duty';
import { listVisibleServices, toDirectoryEntry } from './directory';
import { contactWays } from '../../signposting/directory';
import { londonToday, openingStatus, TIME_ZONE } from '../../signposting/opening-hours';
import type {
	CrisisLevel,
	CrisisPanelData,
	CrisisPanelService
} from '../../signposting/crisis-panel';

export type { CrisisLevel, CrisisPanelData } from '../../signposting/crisis-panel';

export const EMERGENCY_LINE = 'If you are in immediate danger, call 999.';
export const CHECK_IN_LINE = 'A youth worker has been told and will check in with you.';

/**
 * Which services the panel offers first, when open: the best-known free lines to call and to
 * text, then ones for young people. Anything else open follows in the order admins set.
 */
const PREFERENCE = ['samaritans', 'shout', 'the-mix', 'childline', 'papyrus'];
/** Not for someone in crisis right now (for adults worried about a child; therapy referrals). */
const NOT_FOR_CRISIS = ['adults', 'therapy'];
const YOUNG_PEOPLE = ['young people', 'under 19', 'under 18'];

/**
 * If the directory has nothing open to call or to text (emptied, or every entry hidden), the
 * panel still offers these: both are open 24/7 (reference: docs of Samaritans and Shout).
 */
const FALLBACK_CALL: CrisisPanelService = {
	name: 'Samaritans',
	openLabel: 'Open 24 hours',
	ways: contactWays({
		name: 'Samaritans',
		phone: '116 123',
		smsNumber: null,
		smsKeyword: null,
		email: null,
		url: null,
		tags: []
	})
};
const FALLBACK_TEXT: CrisisPanelService = {
	name: 'Shout',
	openLabel: 'Open 24 hours',
	ways: contactWays({
		name: 'Shout',
		phone: null,
		smsNumber: '85258',
		smsKeyword: 'SHOUT',
		email: null,
		url: null,
		tags: []
	})
};

export interface CrisisPanelInput {
	level: CrisisLevel;
	/** Visible directory entries, in the order admins set. */
	services: readonly CrisisService[];
	availability: StaffAvailability;
	now: Date;
}

/** The panel for one moment: pure, so every wording can be tested. */
export function composeCrisisPanel({
	level,
	services,
	availability,
	now
}: CrisisPanelInput): CrisisPanelData {
	const crisis = level === 'high' || level === 'imminent';
	const chosen = chooseServices(services, now, crisis ? 3 : 2);
	return {
		variant: crisis ? 'crisis' : 'gentle',
		level,
		heading: crisis ? 'You don’t have to go through this alone' : 'It sounds like things are hard',
		message: crisis
			? 'Thank you for telling us how you feel. There are people you can talk to right now.'
			: 'If things feel like too much, there are people you can talk to.',
		emergency: EMERGENCY_LINE,
		emergencyHref: 'tel:999',
		services: chosen,
		staff: staffLine(availability, now, crisis),
		moreHelp: { href: '/help', label: 'More people you can talk to' }
	};
}

/** The panel as of now, from the directory and the duty rota. */
export async function crisisPanel(
	db: Database,
	level: CrisisLevel,
	now = new Date()
): Promise<CrisisPanelData> {
	const [services, availability] = await Promise.all([
		listVisibleServices(db),
		staffAvailability(db, now)
	]);
	return composeCrisisPanel({ level, services, availability, now });
}

function staffLine(
	availability: StaffAvailability,
	now: Date,
	crisis: boolean
): CrisisPanelData['staff'] {
	if (availability.onDuty)
		return {
			onDuty: true,
			message: crisis ? CHECK_IN_LINE : 'Youth workers are online right now.'
		};
	const next = availability.nextShiftAt;
	if (next && next.getTime() > now.getTime())
		return {
			onDuty: false,
			message: `Youth workers are offline right now; they’re back ${whenBack(next, now)}.`
		};
	// No shift planned (or one due that nobody has started): say nothing about when.
	return {
		onDuty: false,
		message: crisis
			? 'Youth workers are offline right now, so please use one of the services above.'
			: 'Youth workers are offline right now.'
	};
}

const time = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});
const day = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	weekday: 'long',
	day: 'numeric',
	month: 'long'
});

/** "today at 18:00", "tomorrow at 09:00", "on Monday 3 November at 09:00" (UK time). */
export function whenBack(at: Date, now: Date): string {
	const days =
		(Date.parse(`${londonToday(at)}T00:00:00Z`) - Date.parse(`${londonToday(now)}T00:00:00Z`)) /
		86_400_000;
	const clock = time.format(at);
	if (days <= 0) return `today at ${clock}`;
	if (days === 1) return `tomorrow at ${clock}`;
	return `on ${day.format(at)} at ${clock}`;
}

function chooseServices(
	services: readonly CrisisService[],
	now: Date,
	howMany: number
): CrisisPanelService[] {
	const rank = (s: CrisisService) => {
		const i = PREFERENCE.indexOf(s.slug);
		return i === -1 ? PREFERENCE.length : i;
	};
	const open = services
		.map((service, order) => ({ service, order, status: openingStatus(service.openingHours, now) }))
		.filter(
			({ service, status }) =>
				!service.emergency &&
				status.state === 'open' &&
				!service.tags.some((t) => NOT_FOR_CRISIS.includes(t))
		)
		.sort((a, b) => rank(a.service) - rank(b.service) || a.order - b.order)
		.map(({ service, status }) => {
			const entry = toDirectoryEntry(service);
			return {
				slug: service.slug,
				tags: service.tags,
				panel: {
					name: entry.name,
					openLabel: status.label,
					ways: entry.ways.filter((w) => w.kind === 'call' || w.kind === 'text')
				}
			};
		})
		.filter((c) => c.panel.ways.length > 0);

	const picked: typeof open = [];
	const take = (match: (c: (typeof open)[number]) => boolean) => {
		const found = open.find((c) => !picked.includes(c) && match(c));
		if (found) picked.push(found);
		return found;
	};
	const hasWay = (kind: 'call' | 'text') => (c: (typeof open)[number]) =>
		c.panel.ways.some((w) => w.kind === kind);

	const call = take(hasWay('call'));
	const text = picked.some((c) => c.panel.ways.some((w) => w.kind === 'text'))
		? true
		: take(hasWay('text'));
	if (howMany > 2) take((c) => c.tags.some((t) => YOUNG_PEOPLE.includes(t)));

	const result = picked.map((c) => c.panel);
	if (!call) result.unshift(FALLBACK_CALL);
	if (!text) result.splice(1, 0, FALLBACK_TEXT);
	return result.slice(0, Math.max(howMany, 2));
}
