/**
 * Who to talk to while a room is closed: nobody is here to answer, so the room signposts the
 * people who are (DESIGN safety rule 10). The room page shows it when it loads closed, and
 * room:state carries it when the room closes while people are in it, so both show the same.
 */
import type { Database } from '../db';
import { crisisPanel } from '../signposting/crisis-panel';
import type { CrisisPanelData } from '../../signposting/crisis-panel';

export async function helpWhileClosed(db: Database, now = new Date()): Promise<CrisisPanelData> {
	return {
		...(await crisisPanel(db, 'concern', now)),
		heading: 'Need to talk to someone now?',
		message: 'No youth worker is here while the room is closed. These people are there for you now.'
	};
}
