/**
 * The crisis directory as pages show it: each service's ways to get in touch (with tel: and sms:
 * links), who it is especially for, and the /help filters. Plain data and pure functions, shared
 * by the server and the browser so filtering works with and without JavaScript, and offline.
 */
import { openingStatus, type OpeningHours, type OpenState } from './opening-hours';

export type ContactKind = 'call' | 'text' | 'chat' | 'email' | 'web';

export interface ContactWay {
	kind: ContactKind;
	/** What the link says ("Call 116 123", "Text SHOUT to 85258"). */
	label: string;
	href: string | null;
	/** The label plus the service's name, for links read out of context. */
	accessibleName: string;
}

export interface DirectoryEntry {
	id: number;
	name: string;
	description: string;
	hours: string;
	openingHours: OpeningHours | null;
	whoFor: string;
	tags: string[];
	emergency: boolean;
	ways: ContactWay[];
	/** Anything else about texting, shown under the links. */
	textNote: string | null;
	lastCheckedOn: string;
}

/** What the directory keeps about a service (a row of crisis_services, or part of one). */
export interface ServiceContactDetails {
	name: string;
	phone: string | null;
	smsNumber: string | null;
	smsKeyword: string | null;
	email: string | null;
	url: string | null;
	tags: string[];
}

/** "116 123" → "tel:116123" */
export function telHref(phone: string): string {
	return 'tel:' + phone.replace(/[^\d+]/g, '');
}

/**
 * "85258", "SHOUT" → "sms:85258?&body=SHOUT". The `?&` form opens the messages app with the
 * word already typed on both iPhone and Android.
 */
export function smsHref(number: string, keyword?: string | null): string {
	const to = number.replace(/[^\d+]/g, '');
	return keyword ? `sms:${to}?&body=${encodeURIComponent(keyword)}` : `sms:${to}`;
}

export function contactWays(service: ServiceContactDetails): ContactWay[] {
	const ways: ContactWay[] = [];
	const way = (kind: ContactKind, label: string, href: string | null) =>
		ways.push({ kind, label, href, accessibleName: `${label} (${service.name})` });
	if (service.phone) way('call', `Call ${service.phone}`, telHref(service.phone));
	if (service.smsNumber)
		way(
			'text',
			service.smsKeyword
				? `Text ${service.smsKeyword} to ${service.smsNumber}`
				: `Text ${service.smsNumber}`,
			smsHref(service.smsNumber, service.smsKeyword)
		);
	if (service.tags.includes('chat'))
		way('chat', service.url ? 'Chat online' : 'Online chat', service.url);
	if (service.email) way('email', `Email ${service.email}`, `mailto:${service.email}`);
	if (service.url && !service.tags.includes('chat')) way('web', 'Website', service.url);
	return ways;
}

export const HOW_OPTIONS = [
	{ value: 'call', label: 'Call' },
	{ value: 'text', label: 'Text' },
	{ value: 'chat', label: 'Online chat' },
	{ value: 'email', label: 'Email' }
] as const;

export type HowFilter = (typeof HOW_OPTIONS)[number]['value'];

/** "Especially for" filters, read from the tags admins give each service. */
export const AUDIENCE_OPTIONS = [
	{ value: 'under18', label: 'Under 18s', tags: ['under 18', 'under 19', 'young people'] },
	{ value: 'bme', label: 'Black and minority ethnic people', tags: ['bme'] },
	{ value: 'faith', label: 'Faith', tags: ['faith'] },
	{ value: 'lgbtq', label: 'LGBTQ+ people', tags: ['lgbtq', 'lgbt', 'lgbtq+'] }
] as const;

export type AudienceFilter = (typeof AUDIENCE_OPTIONS)[number]['value'];

export interface DirectoryFilters {
	how: HowFilter[];
	for: AudienceFilter[];
	openNow: boolean;
}

export const NO_FILTERS: DirectoryFilters = { how: [], for: [], openNow: false };

const HOW_VALUES = new Set<string>(HOW_OPTIONS.map((o) => o.value));
const AUDIENCE_VALUES = new Set<string>(AUDIENCE_OPTIONS.map((o) => o.value));

/**
 * Filters from a query string (?how=text&for=under18&open=1) or the filter form's data;
 * anything unknown is ignored.
 */
export function parseFilters(params: {
	getAll(name: string): unknown[];
	get(name: string): unknown;
}): DirectoryFilters {
	const values = (name: string) => [
		...new Set(params.getAll(name).filter((v): v is string => typeof v === 'string'))
	];
	const how = values('how').filter((v): v is HowFilter => HOW_VALUES.has(v));
	const audiences = values('for').filter((v): v is AudienceFilter => AUDIENCE_VALUES.has(v));
	const open = params.get('open');
	return { how, for: audiences, openNow: open === '1' || open === 'on' || open === 'true' };
}

export function filtersToSearch(filters: DirectoryFilters): string {
	const params = new URLSearchParams();
	for (const how of filters.how) params.append('how', how);
	for (const audience of filters.for) params.append('for', audience);
	if (filters.openNow) params.set('open', '1');
	const search = params.toString();
	return search ? `?${search}` : '';
}

export function isFiltered(filters: DirectoryFilters): boolean {
	return filters.how.length > 0 || filters.for.length > 0 || filters.openNow;
}

export function audiencesOf(tags: readonly string[]): AudienceFilter[] {
	const lower = tags.map((t) => t.toLowerCase());
	return AUDIENCE_OPTIONS.filter((o) => o.tags.some((t) => lower.includes(t))).map((o) => o.value);
}

export function howOf(entry: Pick<DirectoryEntry, 'ways'>): HowFilter[] {
	return HOW_OPTIONS.filter((o) => entry.ways.some((w) => w.kind === o.value)).map((o) => o.value);
}

/**
 * Services matching the filters: any of the chosen ways to get in touch, any of the chosen
 * groups, and (if asked) open now. Services whose hours are not known are never "open now".
 */
export function filterEntries<T extends DirectoryEntry>(
	entries: readonly T[],
	filters: DirectoryFilters,
	now: Date
): T[] {
	return entries.filter((entry) => {
		if (filters.how.length && !howOf(entry).some((h) => filters.how.includes(h))) return false;
		if (filters.for.length && !audiencesOf(entry.tags).some((a) => filters.for.includes(a)))
			return false;
		if (filters.openNow && openingStatus(entry.openingHours, now).state !== 'open') return false;
		return true;
	});
}

export type { OpenState };
