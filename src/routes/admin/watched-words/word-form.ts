/** The watched-word form: fields → service input. */
import { text } from '$lib/server/http/form';
import type { WatchedWordInput } from '$lib/server/safety/watched-words-admin';

export const ACTION_OPTIONS = [
	{ value: 'hold', label: 'Hold for a youth worker to review' },
	{ value: 'block', label: 'Block (not posted; the writer is told why)' },
	{ value: 'censor', label: 'Censor (posted with the word starred out)' },
	{ value: 'flag', label: 'Flag to staff (posted as written)' }
];

export const ACTION_LABELS: Record<string, string> = {
	hold: 'Hold',
	block: 'Block',
	censor: 'Censor',
	flag: 'Flag'
};

export function wordFromForm(data: FormData): WatchedWordInput {
	return {
		pattern: text(data, 'pattern'),
		isRegex: data.get('isRegex') === 'on',
		action: text(data, 'action') as WatchedWordInput['action'],
		reason: text(data, 'reason')
	};
}
