/**
 * Dates as people here read them: Europe/London, day month year. Format on the server (in
 * load) so the page and its hydration show the same text.
 */
const dateTime = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

const dateOnly = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'short',
	year: 'numeric'
});

export function formatDateTime(date: Date | null | undefined, empty = 'Never'): string {
	return date ? dateTime.format(date) : empty;
}

export function formatDate(date: Date | null | undefined, empty = 'Never'): string {
	return date ? dateOnly.format(date) : empty;
}
