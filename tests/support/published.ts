/**
 * A recorder in place of the socket server: everything the services publish, as it would be sent,
 * and whom they would disconnect. Put it in place before each test and take it away after:
 *
 *     const { published, install, uninstall } = recordPublished();
 *     beforeEach(install);
 *     afterEach(uninstall);
 *
 * Each test starts with empty lists; `published.length = 0` forgets what a test's setup published.
 */
import {
	installPublisher,
	type Audience,
	type Personalise,
	type Publisher
} from '../../src/lib/server/realtime/publisher';

export interface PublishedEvent {
	audience: Audience;
	event: string;
	payload: unknown;
}

export interface PublishedEach {
	audience: Audience;
	personalise: Personalise;
}

export function recordPublished() {
	const published: PublishedEvent[] = [];
	const publishedEach: PublishedEach[] = [];
	const disconnected: number[] = [];
	const removedFromRooms: { userId: number; audience: Audience }[] = [];
	const recorder: Publisher = {
		publish(audience, event, payload) {
			published.push({ audience, event, payload });
		},
		async publishEach(audience, personalise) {
			publishedEach.push({ audience, personalise });
		},
		disconnectUser(userId) {
			disconnected.push(userId);
		},
		removeFromRoom(userId, audience) {
			removedFromRooms.push({ userId, audience });
		}
	};
	return {
		published,
		/** Personalised announcements: call `personalise(user)` to see what that person is sent. */
		publishedEach,
		disconnected,
		removedFromRooms,
		/** Empties the lists and installs the recorder. */
		install: () => {
			published.length = 0;
			publishedEach.length = 0;
			disconnected.length = 0;
			removedFromRooms.length = 0;
			installPublisher(recorder);
		},
		uninstall: () => installPublisher(undefined)
	};
}
