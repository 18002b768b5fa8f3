/**
 * Telling everyone in a session that the board changed. The event carries no content: each
 * browser asks again for the board as it may see it (board.ts), so anonymity, held ideas and
 * "hide until revealed" are decided in one place and never leak through a broadcast.
 */
import { publisher } from '../realtime/publisher';
import { WORKSHOP_EVENTS, type ChangedEvent } from '../../workshops';

export function announceBoardChange(workshopId: number): void {
	const event: ChangedEvent = { workshopId };
	publisher().publish(`workshop:${workshopId}`, WORKSHOP_EVENTS.changed, event);
}
