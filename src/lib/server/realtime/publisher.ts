/**
 * How services announce things in real time without knowing about socket.io. The socket server
 * installs the real publisher when it attaches; until then (CLIs, unit tests) events go nowhere,
 * which is right: nobody is connected to hear them.
 */
import type { CurrentUser } from '../accounts/current-user';

export type Audience =
	| `user:${number}`
	| 'staff'
	| `room:${number}`
	/** Staff with a chat room open: they also see its held messages and who is typing. */
	| `room:${number}:staff`
	| `workshop:${number}`
	| `thread:${number}`
	/** A forum category's list (its public activity only). */
	| `category:${number}`;

/** What one person is sent of a personalised announcement, or null for nothing. */
export type Personalise = (viewer: CurrentUser) => { event: string; payload: unknown } | null;

export interface Publisher {
	publish(audience: Audience, event: string, payload: unknown): void;
	/**
	 * Send each connection in the audience its own version, decided from who is signed in on it
	 * (for what differs per person, such as an idea in an anonymous session). Resolves once sent.
	 */
	publishEach(audience: Audience, personalise: Personalise): Promise<void>;
	/** Drop every live connection of this person (suspension, sign out everywhere). */
	disconnectUser(userId: number): void;
	/** Take every connection of this person out of a room (removed from a chat room). */
	removeFromRoom(userId: number, audience: Audience): void;
}

const KEY = Symbol.for('together.publisher');
const g = globalThis as Record<symbol, Publisher>;

const nowhere: Publisher = {
	publish() {},
	publishEach: async () => {},
	disconnectUser() {},
	removeFromRoom() {}
};

export function publisher(): Publisher {
	return g[KEY] ?? nowhere;
}

/** Whether this process can reach anyone's browser (a socket server, or a test's recorder). */
export function hasLivePublisher(): boolean {
	return KEY in g;
}

export function installPublisher(p: Publisher | undefined): void {
	if (p) g[KEY] = p;
	else delete g[KEY];
}
