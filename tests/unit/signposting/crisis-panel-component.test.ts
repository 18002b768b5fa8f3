/**
 * The crisis panel as it is drawn: an alert for high and imminent risk, a polite status for a
 * concern, with 999, a way to call and a way to text, and data that survives a form result or a
 * socket acknowledgement (plain JSON).
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CrisisPanel from '../../../src/lib/components/CrisisPanel.svelte';
import { composeCrisisPanel } from '../../../src/lib/server/signposting/crisis-panel';

const NOW = new Date('2026-11-09T21:15:00Z');

function panelFor(level: 'high' | 'concern', onDuty: boolean) {
	return composeCrisisPanel({
		level,
		services: [],
		availability: { onDuty, nextShiftAt: onDuty ? null : new Date('2026-11-10T09:00:00Z') },
		now: NOW
	});
}

describe('CrisisPanel', () => {
	it('is plain data that survives being sent as JSON', () => {
		const panel = panelFor('high', false);
		expect(JSON.parse(JSON.stringify(panel))).toEqual(panel);
		expect(structuredClone(panel)).toEqual(panel);
	});

	it('draws high risk as an alert with 999, a call link, a text link and the duty line', () => {
		const { body } = render(CrisisPanel, { props: { panel: panelFor('high', true) } });
		expect(body).toContain('role="alert"');
		expect(body).toContain('If you are in immediate danger, call 999.');
		expect(body).toContain('href="tel:999"');
		expect(body).toContain('href="tel:116123"');
		expect(body).toContain('aria-label="Call 116 123 (Samaritans)"');
		expect(body).toContain('href="sms:85258?&amp;body=SHOUT"');
		expect(body).toContain('A youth worker has been told and will check in with you.');
	});

	it('draws a concern as a polite status, and says when youth workers are back', () => {
		const { body } = render(CrisisPanel, { props: { panel: panelFor('concern', false) } });
		expect(body).toContain('role="status"');
		expect(body).not.toContain('role="alert"');
		expect(body).toContain('Youth workers are offline right now; they’re back tomorrow at 09:00.');
		expect(body).not.toContain('check in');
	});
});
