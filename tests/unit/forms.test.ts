/**
 * A form sends one submission at a time: a double tap on a phone while the first is on its way
 * does nothing, so a session, an outcome or a post is never created twice.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SubmitFunction } from '@sveltejs/kit';
import { oneAtATime } from '../../src/lib/forms';

type Input = Parameters<SubmitFunction>[0];
type After = Exclude<Awaited<ReturnType<SubmitFunction>>, void>;
type Outcome = Parameters<After>[0];

const press = (submit: SubmitFunction) => {
	const cancel = vi.fn();
	return { cancel, after: submit({ cancel } as unknown as Input) as Promise<After | void> };
};
const outcome = () => ({ update: vi.fn(async () => {}) }) as unknown as Outcome;

describe('a form sent one submission at a time', () => {
	it('cancels a second press until the first has its answer, then sends again', async () => {
		const submit = oneAtATime();
		const first = press(submit);
		const second = press(submit);
		expect(second.cancel).toHaveBeenCalled();
		expect(first.cancel).not.toHaveBeenCalled();
		const done = outcome();
		await (await first.after)!(done);
		expect(done.update).toHaveBeenCalled();
		const third = press(submit);
		expect(third.cancel).not.toHaveBeenCalled();
	});

	it('lets the form’s own handling run, and sends again after that handling cancels', async () => {
		const seen: string[] = [];
		const submit = oneAtATime((input) => {
			if (seen.push('pressed') === 1) return input.cancel(); // e.g. a check in the page failed
			return async () => void seen.push('answered');
		});
		const first = press(submit);
		await first.after;
		expect(first.cancel).toHaveBeenCalled();
		const second = press(submit);
		await (await second.after)!(outcome());
		expect(second.cancel).not.toHaveBeenCalled();
		expect(seen).toEqual(['pressed', 'pressed', 'answered']);
	});
});
