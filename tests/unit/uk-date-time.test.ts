/** A date and time typed the way people in the UK write them, and said back so nobody guesses. */
import { describe, expect, it } from 'vitest';
import {
	describeUkDateTime,
	londonInstant,
	readUkDate,
	readUkTime,
	ukDateInput,
	ukTimeInput
} from '../../src/lib/uk-date-time';

const date = (text: string) => {
	const reading = readUkDate(text);
	return reading.ok ? reading.value : reading.error;
};
const time = (text: string) => {
	const reading = readUkTime(text);
	return reading.ok ? reading.value : reading.error;
};

describe('reading a date', () => {
	it('reads the day first, with any usual separator, and ISO dates', () => {
		const day = { year: 2026, month: 11, day: 5 };
		for (const text of [
			'5/11/2026',
			'05/11/2026',
			'5-11-2026',
			'5.11.26',
			' 5 11 2026 ',
			'2026-11-05'
		])
			expect(date(text), text).toEqual(day);
	});

	it('never reads a month-first date as another day', () => {
		expect(date('11/26/2026')).toBe(
			'That is not a real date: check it is day/month/year, like 26/11/2026.'
		);
	});

	it('says what is wrong in words', () => {
		expect(date('')).toBe('Enter the date, like 26/11/2026.');
		expect(date('next Thursday')).toBe(
			'Enter the date as day/month/year in numbers, like 26/11/2026.'
		);
		expect(date('29/02/2027')).toBe(
			'There is no 29 February 2027: check the day (day/month/year).'
		);
		expect(date('29/02/2028')).toEqual({ year: 2028, month: 2, day: 29 });
	});
});

describe('reading a time', () => {
	it('reads the 24-hour clock and am/pm', () => {
		expect(time('18:00')).toEqual({ hour: 18, minute: 0 });
		expect(time('18.05')).toEqual({ hour: 18, minute: 5 });
		expect(time('0930')).toEqual({ hour: 9, minute: 30 });
		expect(time('6pm')).toEqual({ hour: 18, minute: 0 });
		expect(time('6:30 PM')).toEqual({ hour: 18, minute: 30 });
		expect(time('12am')).toEqual({ hour: 0, minute: 0 });
		expect(time('12pm')).toEqual({ hour: 12, minute: 0 });
	});

	it('refuses a time it would have to guess at', () => {
		for (const text of ['6', '24:00', '18:60', '13pm', 'teatime'])
			expect(time(text), text).toBe('Enter the time on the 24-hour clock, like 18:00 (or 6pm).');
		expect(time(' ')).toBe('Enter the time, like 18:00.');
	});
});

describe('saying it back', () => {
	const now = new Date('2026-11-26T10:00:00Z');

	it('names the weekday and month in full, in UK time, with the year only when it is not this one', () => {
		const winter = londonInstant({ year: 2026, month: 11, day: 26 }, { hour: 18, minute: 0 });
		expect(winter.toISOString()).toBe('2026-11-26T18:00:00.000Z');
		expect(describeUkDateTime(winter, now)).toBe('Thursday 26 November at 18:00 (UK time)');
		const summer = londonInstant({ year: 2027, month: 7, day: 1 }, { hour: 9, minute: 5 });
		expect(summer.toISOString()).toBe('2027-07-01T08:05:00.000Z');
		expect(describeUkDateTime(summer, now)).toBe('Thursday 1 July 2027 at 09:05 (UK time)');
	});

	it('fills the fields back in as they are typed', () => {
		const at = new Date('2027-07-01T08:05:00Z');
		expect(ukDateInput(at)).toBe('01/07/2027');
		expect(ukTimeInput(at)).toBe('09:05');
	});
});
