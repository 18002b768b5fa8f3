import { describe, expect, it } from 'vitest';
import { findPersonalInfo } from '../../../src/lib/server/safety/personal-info';

const kinds = (text: string) => [...new Set(findPersonalInfo(text).map((f) => f.kind))];

describe('finding personal information a young person might share', () => {
	it.each([
		['text me 07700 900123', 'phone'],
		['my number is +44 7700-900-123', 'phone'],
		['ring (020) 7946 0958 after school', 'phone'],
		['email me jay.k@gmail.com', 'email'],
		['its jayk at hotmail dot com', 'email'],
		['add me on snap', 'contact_request'],
		['add me on insta its jayy_k', 'contact_request'],
		['dm me on discord', 'contact_request'],
		['my snap is jayk123', 'contact_request'],
		['sc: jayk_07', 'contact_request'],
		['follow @jay_k_official', 'social_handle'],
		['i live near SE15 4QL', 'postcode'],
		['im at 12 Acacia Road', 'address'],
		['flat 3, 45 peckham high st', 'address'],
		['I go to Riverside Academy', 'school'],
		['im at st marys catholic school', 'school']
	])('spots %j as %s', (text, kind) => {
		expect(kinds(text)).toContain(kind);
	});

	it.each([
		'I was born in 2009 and I love football',
		'it takes 2 hours drive to see my nan',
		'we live in a 2 bed house',
		'see you at 10 30',
		'my school is stressing me out',
		'I scored 3 goals',
		'the bus was £2.50',
		'email the youth worker if you need help',
		'I went to the doctors yesterday',
		'@ the park later?'
	])('leaves %j alone', (text) => {
		expect(findPersonalInfo(text)).toEqual([]);
	});

	it('stops after a sensible number of findings on a huge paste', () => {
		const text = 'call 07700 900123 '.repeat(500);
		expect(findPersonalInfo(text).length).toBeLessThanOrEqual(21);
	});
});
