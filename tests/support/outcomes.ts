/**
 * What a call in a test came to: a forum write that must have gone through, or the error a call
 * must have been refused with. Either way, anything else fails the test with what happened.
 */
import type { PostOutcome } from '../../src/lib/server/forum/outcome';

/** The outcome of a post that was published or held; a blocked one fails the test. */
export function written(outcome: PostOutcome) {
	if (outcome.status === 'blocked') throw new Error(`blocked: ${outcome.message}`);
	return outcome;
}

/** The error `promise` is refused with; fails the test if it succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
	return promise.then(
		() => {
			throw new Error('expected it to be refused');
		},
		(error: Error) => error
	);
}
