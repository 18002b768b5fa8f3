/**
 * A repeat report that becomes "worried": its notes together still fit what a report may keep,
 * nothing the member wrote is lost, and what they add while the alert is open still counts.
 */
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
	const open = { reason: 'worried' as const, note: 'they seem low', reviewedAt: null };

	it('changes nothing only when it already is, still open, its alert is open, and nothing new is said', () => {
		expect(worriedRepeat(open, '', true)).toBeNull();
	});

	it('keeps what is said again while the alert is open, without a second alert', () => {
		expect(worriedRepeat(open, 'they just said they have pills', true)).toMatchObject({
			set: { reason: 'worried', note: 'they seem low — later: they just said they have pills' },
			was: 'worried',
			reopened: false,
			raiseAlert: false
		});
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

	it('keeps the earlier note whole for the audit when the report cannot hold it beside the new one', () => {
		const earlier = { ...open, note: 'a'.repeat(REPORT_NOTE_MAX) };
		const long = 'b'.repeat(REPORT_NOTE_MAX);
		const cut = worriedRepeat(earlier, 'b'.repeat(100), false)!;
		expect(cut.set.note).toHaveLength(REPORT_NOTE_MAX);
		expect(cut.earlierNote).toBe(earlier.note);
		const dropped = worriedRepeat(earlier, long, true)!;
		expect(dropped.set.note).toBe(long);
		expect(dropped.earlierNote).toBe(earlier.note);
		// A new alert's note has room for both, whole.
		expect(cut.alertNote).toBe(`${earlier.note} — later: ${'b'.repeat(100)}`);
		expect(worriedRepeat(open, 'more', false)).not.toHaveProperty('earlierNote');
	});
});
