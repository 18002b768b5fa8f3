/**
 * How domains answer client requests on a socket: `listen(socket, event, handler)` runs the
 * handler with the payload and answers through the acknowledgement callback with
 * `{ ok: true, ...result }` or `{ ok: false, error }` in words a person can act on. Errors a
 * person can cause (validation, permission, not found) carry their own message; anything else is
 * logged and answered with a general one: a request never crashes the process or the connection.
 * Requests for events nobody listens for are answered `{ ok: false }` too (see `answerUnknown`),
 * and a connection sending far too many requests is slowed down.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { NotFoundError, ValidationError } from '../errors';
import { RateLimitedError } from '../forum/rate-limits';
import { log } from '../log';
import { NotAllowedError } from '../policy';
import type { TogetherSocket } from './attach';

export type Answer =
	{ ok: true; [key: string]: unknown } | { ok: false; error: string; retryInMs?: number };
type Handler = (payload: unknown) => Promise<object | void>;

const known = new Set<string>();

export const TOO_MANY_REQUESTS = 'That is a lot of requests at once. Wait a moment and try again.';
export const UNKNOWN_REQUEST = 'Together does not know that request.';
const SOMETHING_WENT_WRONG = 'Something went wrong on our side. Please try again in a moment.';

/** At most this many requests per connection per second (a runaway or hostile client). */
const flood = new RateLimiterMemory({ points: 100, duration: 1 });

export function listen(socket: TogetherSocket, event: string, handler: Handler): void {
	known.add(event);
	// The socket's declared event maps are empty (each domain adds its own): listen untyped.
	const on = socket.on.bind(socket) as unknown as (
		event: string,
		listener: (payload: unknown, ack?: unknown) => void
	) => void;
	on(event, async (payload, ack) => {
		const answer = typeof ack === 'function' ? (ack as (a: Answer) => void) : () => {};
		try {
			await flood.consume(socket.id);
		} catch {
			return answer({ ok: false, error: TOO_MANY_REQUESTS });
		}
		try {
			const result = (await handler(payload)) ?? {};
			answer({ ok: true, ...result });
		} catch (error) {
			answer({
				ok: false,
				error: messageFor(error, event, socket),
				// Too soon (pacing): how long until it may go, so a device can send it then by itself.
				...(error instanceof RateLimitedError
					? { retryInMs: Math.max(0, error.retryAt.getTime() - Date.now()) }
					: {})
			});
		}
	});
}

/** What to tell the person about an error. */
export function messageFor(error: unknown, event: string, socket: TogetherSocket): string {
	if (
		error instanceof ValidationError ||
		error instanceof NotAllowedError ||
		error instanceof NotFoundError
	)
		return error.message;
	log.error({ err: error, event, userId: socket.data.user?.id }, 'socket request failed');
	return SOMETHING_WENT_WRONG;
}

/** Answer requests for events no domain listens for, instead of leaving the caller waiting. */
export function answerUnknown(socket: TogetherSocket): void {
	socket.onAny((event: string, ...args: unknown[]) => {
		if (known.has(event)) return;
		const ack = args[args.length - 1];
		if (typeof ack === 'function')
			(ack as (a: Answer) => void)({ ok: false, error: UNKNOWN_REQUEST });
	});
}
