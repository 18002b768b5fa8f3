/** The crisis and support directory, in the order admins set, emergency first. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { crisisServices, type CrisisService } from '../db/schema';
import { contactWays, type DirectoryEntry } from '../../signposting/directory';

export { telHref, smsHref } from '../../signposting/directory';

export async function listVisibleServices(db: Database): Promise<CrisisService[]> {
	return db
		.select()
		.from(crisisServices)
		.where(eq(crisisServices.visible, true))
		.orderBy(asc(crisisServices.position), asc(crisisServices.name));
}

/** A stored service as pages show it: plain data, with its links worked out. */
export function toDirectoryEntry(service: CrisisService): DirectoryEntry {
	return {
		id: service.id,
		name: service.name,
		description: service.description,
		hours: service.hours,
		openingHours: service.openingHours ?? null,
		whoFor: service.whoFor,
		tags: service.tags,
		emergency: service.emergency,
		ways: contactWays(service),
		textNote: service.text,
		lastCheckedOn: service.lastCheckedOn
	};
}

/** Everything /help lists (hidden entries left out), ready to filter. */
export async function helpDirectory(db: Database): Promise<DirectoryEntry[]> {
	return (await listVisibleServices(db)).map(toDirectoryEntry);
}
