/**
 * What the crisis panel shows an author whose words suggest they are at risk: plain,
 * serialisable data, built on the server (src/lib/server/signposting/crisis-panel.ts), so it can
 * travel in a form result or a socket acknowledgement and be shown by CrisisPanel.svelte.
 */
import type { ContactWay } from './directory';

export type CrisisLevel = 'imminent' | 'high' | 'concern';

export interface CrisisPanelService {
	name: string;
	/** "Open 24 hours", "Open now until 22:00". */
	openLabel: string;
	ways: ContactWay[];
}

export interface CrisisPanelData {
	/** `crisis` for high and imminent risk (an alert region), `gentle` for concern. */
	variant: 'crisis' | 'gentle';
	level: CrisisLevel;
	heading: string;
	message: string;
	/** Always "If you are in immediate danger, call 999." */
	emergency: string;
	emergencyHref: string;
	services: CrisisPanelService[];
	/** What is true about youth workers right now: never a promise nobody can keep. */
	staff: { onDuty: boolean; message: string };
	moreHelp: { href: string; label: string };
}
