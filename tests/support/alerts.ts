/** Safeguarding alerts as tests look at them: each with the evidence it was raised with. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';
import { evidenceSnapshots, safeguardingAlerts } from '../../src/lib/server/db/schema';

/** The alerts raised about someone, oldest first, each as `{ ...alert, evidence }`. */
export async function alertsWithEvidenceAbout(db: Database, userId: number) {
	const rows = await db
		.select({ alert: safeguardingAlerts, evidence: evidenceSnapshots })
		.from(safeguardingAlerts)
		.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
		.where(eq(safeguardingAlerts.subjectUserId, userId))
		.orderBy(asc(safeguardingAlerts.id));
	return rows.map(({ alert, evidence }) => ({ ...alert, evidence }));
}
