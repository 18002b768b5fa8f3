/**
 * The crisis panel's words: warm and short, 999 always, a way to call and a way to text from
 * services open now, and a youth worker promised only when one is on duty.
 */
import { describe, expect, it } from 'vitest';
import type { CrisisService } from '../../../src/lib/server/db/schema';
import {
	CHECK_IN_LINE,
	EMERGENCY_LINE,
	composeCrisisPanel,
	whenBack
} from '../../../src/lib/server/signposting/crisis-panel';
import type { CrisisPanelData } from '../../../src/lib/signposting/crisis-panel';

let nextId = 1;
function service(slug: string, overrides: Partial<CrisisService> = {}): CrisisService {
	return {
		id: nextId++,
		slug,
		name: slug,
		description: `${slug} description`,
		phone: null,
		smsNumber: null,
		smsKeyword: null,
		text: null,
		email: null,
		url: null,
		hours: '24/7',
		openingHours: { kind: 'always' },
		whoFor: 'Anyone',
		tags: [],
		emergency: false,
		visible: true,
		position: nextId,
		lastCheckedOn: '2026-11-01',
		updatedAt: new Date('2026-11-01T00:00:00Z'),
		...overrides
	};
}

/** The directory as seeded (the parts the panel reads). */
const DIRECTORY: CrisisService[] = [
	service('emergency', { name: 'Emergency services', phone: '999', emergency: true }),
	service('nhs-111', { name: 'NHS 111', phone: '111', tags: ['nhs', '24/7'] }),
	service('samaritans', { name: 'Samaritans', phone: '116 123', email: 'jo@samaritans.org' }),
	service('shout', { name: 'Shout', smsNumber: '85258', smsKeyword: 'SHOUT' }),
	service('the-mix', {
		name: 'The Mix Crisis Messenger',
		smsNumber: '85258',
		smsKeyword: 'THEMIX',
		tags: ['text', '24/7', 'young people']
	}),
	service('nspcc', {
		name: 'NSPCC Helpline',
		phone: '0808 800 5000',
		tags: ['call', 'adults'],
		openingHours: null
	})
];

const NOW = new Date('2026-11-09T21:15:00Z'); // a Monday evening, GMT

function panel(
	level: 'imminent' | 'high' | 'concern',
	availability: { onDuty: boolean; nextShiftAt: Date | null },
	services = DIRECTORY,
	now = NOW
): CrisisPanelData {
	return composeCrisisPanel({ level, services, availability, now });
}

const allText = (p: CrisisPanelData) =>
	[p.heading, p.message, p.emergency, p.staff.message, ...p.services.map((s) => s.name)].join(' ');
const ways = (p: CrisisPanelData) => p.services.flatMap((s) => s.ways);

describe('the crisis panel (high and imminent risk)', () => {
	it('says a youth worker has been told only when someone is on duty', () => {
		const p = panel('imminent', { onDuty: true, nextShiftAt: null });
		expect(p.variant).toBe('crisis');
		expect(p.staff).toEqual({ onDuty: true, message: CHECK_IN_LINE });
		expect(p.staff.message).toBe('A youth worker has been told and will check in with you.');
	});

	it('says when youth workers are back, in UK time, when nobody is on duty', () => {
		const p = panel('high', { onDuty: false, nextShiftAt: new Date('2026-11-10T09:00:00Z') });
		expect(p.staff).toEqual({
			onDuty: false,
			message: 'Youth workers are offline right now; they’re back tomorrow at 09:00.'
		});
	});

	it('never promises a reply or a check-in when nobody is on duty', () => {
		for (const level of ['imminent', 'high', 'concern'] as const)
			for (const nextShiftAt of [null, new Date('2026-11-10T09:00:00Z'), new Date(NOW)]) {
				const p = panel(level, { onDuty: false, nextShiftAt });
				expect(allText(p)).not.toMatch(/has been told|will check in|will reply|get back to you/i);
				expect(p.staff.message).toMatch(/^Youth workers are offline right now/);
			}
		// No shift planned: no time is promised at all.
		expect(panel('high', { onDuty: false, nextShiftAt: null }).staff.message).not.toMatch(/back/);
		// A shift due now that nobody has started is not "back at" a time either.
		expect(panel('high', { onDuty: false, nextShiftAt: new Date(NOW) }).staff.message).not.toMatch(
			/back/
		);
	});

	it('always says to call 999 in immediate danger, and offers a way to call and a way to text', () => {
		const p = panel('imminent', { onDuty: true, nextShiftAt: null });
		expect(p.emergency).toBe(EMERGENCY_LINE);
		expect(p.emergency).toBe('If you are in immediate danger, call 999.');
		expect(p.emergencyHref).toBe('tel:999');
		expect(p.services.map((s) => s.name)).toEqual([
			'Samaritans',
			'Shout',
			'The Mix Crisis Messenger'
		]);
		expect(ways(p)).toContainEqual(
			expect.objectContaining({ kind: 'call', href: 'tel:116123', label: 'Call 116 123' })
		);
		expect(ways(p)).toContainEqual(
			expect.objectContaining({ kind: 'text', href: 'sms:85258?&body=SHOUT' })
		);
		// Only ways that work now and in a moment of crisis: no email, no adults' helplines.
		expect(ways(p).every((w) => w.kind === 'call' || w.kind === 'text')).toBe(true);
		expect(p.services.map((s) => s.name)).not.toContain('NSPCC Helpline');
		expect(p.services.map((s) => s.name)).not.toContain('Emergency services');
	});

	it('offers only services open now, and still a call and a text if the directory has none open', () => {
		const closedAtNight = DIRECTORY.map((s) =>
			s.emergency
				? s
				: {
						...s,
						openingHours: {
							kind: 'weekly' as const,
							periods: [{ day: 1 as const, opens: '09:00', closes: '17:00' }]
						}
					}
		);
		const p = panel('high', { onDuty: false, nextShiftAt: null }, closedAtNight);
		expect(p.services.map((s) => s.name)).toEqual(['Samaritans', 'Shout']);
		expect(ways(p).map((w) => w.href)).toEqual(['tel:116123', 'sms:85258?&body=SHOUT']);

		const hidden = panel('high', { onDuty: false, nextShiftAt: null }, []);
		expect(ways(hidden).map((w) => w.kind)).toEqual(['call', 'text']);
	});

	it('gives every link an accessible name that starts with what it says', () => {
		for (const way of ways(panel('high', { onDuty: true, nextShiftAt: null })))
			expect(way.accessibleName.startsWith(way.label)).toBe(true);
	});
});

describe('the lighter panel (concern)', () => {
	it('is gentle, offers two services, and does not say anyone has been told', () => {
		const p = panel('concern', { onDuty: true, nextShiftAt: null });
		expect(p.variant).toBe('gentle');
		expect(p.services).toHaveLength(2);
		expect(p.emergency).toBe(EMERGENCY_LINE);
		expect(p.staff).toEqual({ onDuty: true, message: 'Youth workers are online right now.' });
		expect(allText(p)).not.toMatch(/has been told|will check in/);
	});
});

describe('when youth workers are back', () => {
	it('says today, tomorrow or the day, in UK time across the clock change', () => {
		expect(whenBack(new Date('2026-11-09T22:00:00Z'), NOW)).toBe('today at 22:00');
		// 23:30 UTC on 9 November is still the 9th in London (GMT).
		expect(whenBack(new Date('2026-11-10T08:30:00Z'), NOW)).toBe('tomorrow at 08:30');
		expect(whenBack(new Date('2026-11-12T18:00:00Z'), NOW)).toBe(
			'on Thursday 12 November at 18:00'
		);
		// In summer (BST) 08:00 UTC is 09:00 in London.
		expect(whenBack(new Date('2026-06-02T08:00:00Z'), new Date('2026-06-01T20:00:00Z'))).toBe(
			'tomorrow at 09:00'
		);
		// The night the clocks go back (25-hour day): 23:30 GMT Sunday is still "today".
		expect(whenBack(new Date('2026-10-25T23:30:00Z'), new Date('2026-10-24T23:30:00Z'))).toBe(
			'today at 23:30'
		);
	});
});
