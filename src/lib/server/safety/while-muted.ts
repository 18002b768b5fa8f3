/**
 * A muted member may read but not post, with one exception: someone at risk always reaches a
 * youth worker. Their words are screened before the mute is looked at; if they show high or
 * imminent risk (screening asks for an alert) they are held, never published, the alert is raised
 * as for anyone, and they are told it is waiting for a youth worker and shown the crisis panel.
 * Anything else is refused as muted, as before. Forum posts and chat messages alike.
 */
import { NotAllowedError } from '../policy';
import { HELD_MESSAGE } from './screen';

/** In `screening_reasons`: written while muted (held only because the words showed risk). */
export const MUTED_REASON = 'muted';

interface Decision {
	action: 'publish' | 'hold' | 'block';
	alert: boolean;
	reasons: string[];
	authorMessage: string | null;
}

/**
 * `refusal`: why this person may not post now because of a mute (the words they are told), or
 * null if they are not muted. Throws that refusal unless the words raised an alert; otherwise
 * the decision, held.
 */
export function heldWhileMuted<D extends Decision>(decision: D, refusal: string | null): D {
	if (refusal === null) return decision;
	if (!decision.alert) throw new NotAllowedError(refusal);
	return {
		...decision,
		action: 'hold',
		reasons: [...new Set([...decision.reasons, MUTED_REASON])],
		authorMessage: decision.authorMessage ?? HELD_MESSAGE
	};
}
