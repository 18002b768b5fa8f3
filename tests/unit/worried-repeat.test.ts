/** A repeat report that becomes "worried": its notes together still fit what a report may keep. */
import { describe, expect, it } from 'vitest';
import { joinNotes, worriedRepeat } from '../../src/lib/server/forum/worried-repeat';
import { REPORT_NOTE_MAX } from '../../src/lib/forum';

describe('joining an earlier report’s note with a new one', () => {
	it('keeps both, earlier first, and either alone when the other is empty', () => {
		expect(joinNotes('rude to me', 'they seem low')).toBe('rude to me — later: they seem low');
		expect(joinNotes(null, 'they seem low')).toBe('they seem low');
		expect(joinNotes('rude to me', '')).toBe('rude to me');
		expect(joinNotes(null, '')).toBeNull();
	});

	it('shortens the earlier note so both fit, and keeps the new one whole', () => {
		const joined = joinNotes('a'.repeat(REPORT_NOTE_MAX), 'b'.repeat(100))!;
		expect(joined).toHaveLength(REPORT_NOTE_MAX);
		expect(joined.endsWith(`… — later: ${'b'.repeat(100)}`)).toBe(true);
		expect(joinNotes('a'.repeat(10), 'b'.repeat(REPORT_NOTE_MAX))).toBe(
			'b'.repeat(REPORT_NOTE_MAX)
		);
	});
});

describe('a repeat report that is now worried', () => {
	const open = { reason: 'worried' as const, note: null, reviewedAt: null };

	it('changes nothing when it already is, still open, and its alert is open', () => {
		expect(worriedRepeat(open, 'again', true)).toBeNull();
	});

	it('raises an alert unless one is open, and reopens a reviewed report', () => {
		expect(worriedRepeat({ ...open, reason: 'unkind' }, '', true)).toMatchObject({
			was: 'unkind',
			raiseAlert: false,
			reopened: false
		});
		expect(worriedRepeat({ ...open, reviewedAt: new Date() }, '', false)).toMatchObject({
			set: { reason: 'worried', reviewedAt: null, reviewedById: null },
			raiseAlert: true,
			reopened: true
		});
	});
});
