/**
 * Opening a socket the way a signed-in browser does: the Auth.js session cookie and our own
 * Origin. Shared by the integration tests that listen to live events.
 */
import { encode } from '@auth/core/jwt';
import { io as connectTo, type Socket } from 'socket.io-client';

/** The Auth.js session cookie a browser would hold after signing in. */
export async function sessionCookie(user: { id: number; sessionVersion: number }): Promise<string> {
	const jwt = await encode({
		token: { uid: user.id, sv: user.sessionVersion },
		secret: process.env.AUTH_SECRET!,
		salt: 'authjs.session-token'
	});
	return `authjs.session-token=${jwt}`;
}

/** Connects as this person; rejects with the server's reason if the connection is refused. */
export async function connectSignedIn(
	origin: string,
	user: { id: number; sessionVersion: number }
): Promise<Socket> {
	const socket = connectTo(origin, {
		transports: ['websocket'],
		extraHeaders: { Origin: origin, Cookie: await sessionCookie(user) },
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => reject(new Error(`refused: ${error.message}`)));
	});
}
