import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../../src/lib/server/http/same-site';

describe('where someone is sent next', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(sameSitePath('/forum/t/12?page=2#post-40')).toBe('/forum/t/12?page=2#post-40');
		expect(sameSitePath('/chat')).toBe('/chat');
	});

	it('sends everything that would leave the site home instead', () => {
		for (const away of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'\t//evil.example',
			' /forum',
			'javascript:alert(1)',
			'evil.example',
			'',
			null,
			undefined
		])
			expect(sameSitePath(away), JSON.stringify(away)).toBe('/');
	});

	it('uses the fallback given', () => {
		expect(sameSitePath('//evil.example', '/forum')).toBe('/forum');
	});
});
