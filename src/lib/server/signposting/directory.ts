/** The crisis and support directory, in the order admins set, emergency first. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { crisisServices, type CrisisService } from '../db/schema';

export async function listVisibleServices(db: Database): Promise<CrisisService[]> {
	return db
		.select()
		.from(crisisServices)
		.where(eq(crisisServices.visible, true))
		.orderBy(asc(crisisServices.position), asc(crisisServices.name));
}

/** "116 123" → "tel:116123" */
export function telHref(phone: string): string {
	return 'tel:' + phone.replace(/[^\d+]/g, '');
}
