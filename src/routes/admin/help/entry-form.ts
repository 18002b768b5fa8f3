/** The directory entry form, both ways: form fields → service input, stored entry → form fields. */
import type { CrisisService } from '$lib/server/db/schema';
import { text, type FormValues } from '$lib/server/http/form';
import type { DirectoryEntryInput } from '$lib/server/signposting/directory-admin';
import { formatWeeklyHours } from '$lib/signposting/opening-hours';

export function entryFromForm(data: FormData, { withVisible = false } = {}): DirectoryEntryInput {
	return {
		name: text(data, 'name'),
		description: text(data, 'description'),
		phone: text(data, 'phone'),
		smsNumber: text(data, 'smsNumber'),
		smsKeyword: text(data, 'smsKeyword'),
		textNote: text(data, 'textNote'),
		email: text(data, 'email'),
		url: text(data, 'url'),
		hours: text(data, 'hours'),
		hoursKind: text(data, 'hoursKind') as DirectoryEntryInput['hoursKind'],
		weeklyHours: text(data, 'weeklyHours'),
		whoFor: text(data, 'whoFor'),
		tags: text(data, 'tags'),
		lastCheckedOn: text(data, 'lastCheckedOn'),
		...(withVisible ? { visible: data.get('visible') === 'on' } : {})
	};
}

export function formFromEntry(entry: CrisisService): FormValues {
	const hours = entry.openingHours;
	return {
		name: entry.name,
		description: entry.description,
		phone: entry.phone ?? '',
		smsNumber: entry.smsNumber ?? '',
		smsKeyword: entry.smsKeyword ?? '',
		textNote: entry.text ?? '',
		email: entry.email ?? '',
		url: entry.url ?? '',
		hours: entry.hours,
		hoursKind: hours ? hours.kind : 'unknown',
		weeklyHours: hours?.kind === 'weekly' ? formatWeeklyHours(hours.periods) : '',
		whoFor: entry.whoFor,
		tags: entry.tags.join(', '),
		lastCheckedOn: entry.lastCheckedOn
	};
}
