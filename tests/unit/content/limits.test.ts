import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { typedText } from '../../../src/lib/server/content/limits';

describe('words typed into a reason or a note', () => {
	const note = typedText('Write a note.').pipe(
		z.string().min(1, 'Write a note.').max(20, 'Too long.')
	);

	it('keep the words and lose what cannot be stored (PostgreSQL refuses NUL)', () => {
		expect(note.parse('  pills\u0000 tonight\r\n ')).toBe('pills tonight');
		expect(note.parse('e\u0301')).toBe('\u00e9');
	});

	it('are measured after tidying, and refuse what is not text with the message given', () => {
		expect(note.safeParse('\u0000\u0000 ').error?.issues[0].message).toBe('Write a note.');
		expect(note.safeParse(42).error?.issues[0].message).toBe('Write a note.');
		expect(note.safeParse('x'.repeat(21)).error?.issues[0].message).toBe('Too long.');
	});
});
