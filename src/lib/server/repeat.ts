/**
 * In-process timers (escalation, room hours, retention): run some work every so often, never two
 * runs at once (a slow run makes the next tick skip), a failure logged and not fatal, and a stop
 * that waits for the run in progress so a shutdown never cuts one in half.
 */
import { log } from './log';

export function repeatEvery(
	everyMs: number,
	work: () => Promise<unknown>,
	{ failure, firstAfterMs = everyMs }: { failure: string; firstAfterMs?: number }
): () => Promise<void> {
	let running: Promise<void> | null = null;
	const run = () => {
		if (running) return;
		running = work()
			.then(() => {})
			.catch((error) => log.error({ err: error }, failure))
			.finally(() => {
				running = null;
			});
	};
	const first = setTimeout(run, firstAfterMs);
	first.unref();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return async () => {
		clearTimeout(first);
		clearInterval(timer);
		await running;
	};
}
