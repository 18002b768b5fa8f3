/** Markdown → stored HTML: what people write is shown as they meant it, and nothing in it runs. */
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import {
	ALLOWED_TAGS,
	excerptFromHtml,
	isEverydayLine,
	renderMarkdown,
	renderPostHtml
} from '../../../src/lib/server/content/render';
import { classifyLink, leavingTarget, LINK_REL } from '../../../src/lib/server/content/links';
import {
	bodySchema,
	contentWarningSchema,
	titleSchema
} from '../../../src/lib/server/content/limits';
import { XSS_CORPUS } from './xss-corpus';

const SITE = 'https://together.example';

/** Walks the HTML the way a browser would and fails on anything that could run or track. */
function problemsIn(html: string): string[] {
	const problems: string[] = [];
	const parser = new Parser(
		{
			onopentag(name, attribs) {
				if (!(ALLOWED_TAGS as readonly string[]).includes(name))
					problems.push(`tag <${name}> is not allowed`);
				for (const [attr, value] of Object.entries(attribs)) {
					if (name !== 'a' || (attr !== 'href' && attr !== 'rel'))
						problems.push(`attribute ${attr} on <${name}>`);
					if (attr === 'href' && !isSafeHref(value)) problems.push(`href ${value}`);
				}
				if (name === 'a' && attribs.rel !== LINK_REL) problems.push(`rel ${attribs.rel}`);
			}
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
	);
	parser.write(html);
	parser.end();
	return problems;
}

function isSafeHref(href: string): boolean {
	if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/\\')) return false;
	if (!href.startsWith('/leaving?')) return true;
	const to = new URL(href, SITE).searchParams.get('to') ?? '';
	return /^https?:\/\//.test(to);
}

describe('turning Markdown into HTML', () => {
	it('keeps the everyday formatting people use', () => {
		expect(renderPostHtml('hello **you**\nnew line')).toBe(
			'<p>hello <strong>you</strong><br />new line</p>'
		);
		const html = renderPostHtml('- one\n- two\n\n1. first\n\n> quoted\n\n`code` and *soft*');
		expect(html).toContain('<ul>\n<li>one</li>');
		expect(html).toContain('<ol>\n<li>first</li>');
		expect(html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
		expect(html).toContain('<code>code</code> and <em>soft</em>');
	});

	it('turns big headings into the levels a post may use', () => {
		expect(renderPostHtml('# Big\n## Medium\n#### Small\n###### Tiny')).toBe(
			'<h3>Big</h3>\n<h3>Medium</h3>\n<h4>Small</h4>\n<h4>Tiny</h4>'
		);
	});

	it('shows raw HTML as the text that was typed, not as HTML', () => {
		expect(renderPostHtml('I typed <b>bold</b> and <script>alert(1)</script>')).toBe(
			'<p>I typed &lt;b&gt;bold&lt;/b&gt; and &lt;script&gt;alert(1)&lt;/script&gt;</p>'
		);
	});

	it('sends links off Together through the leaving page, with rel="nofollow ugc noopener noreferrer"', () => {
		const html = renderPostHtml('[NHS](https://www.nhs.uk/mental-health/) and [help](/help)', {
			siteOrigin: SITE
		});
		expect(html).toContain(
			`<a href="/leaving?to=https%3A%2F%2Fwww.nhs.uk%2Fmental-health%2F" rel="${LINK_REL}">NHS</a>`
		);
		expect(html).toContain(`<a href="/help" rel="${LINK_REL}">help</a>`);
		// Our own full address stays on the site.
		expect(renderPostHtml(`[rules](${SITE}/guidelines#kind)`, { siteOrigin: SITE })).toContain(
			'href="/guidelines#kind"'
		);
		// Bare web addresses are links too, and go the same way.
		expect(renderPostHtml('www.example.com')).toContain(
			'href="/leaving?to=http%3A%2F%2Fwww.example.com%2F"'
		);
	});

	it('replaces pictures from elsewhere with a link to them', () => {
		expect(renderPostHtml('![a cat](https://cats.example/cat.png)')).toBe(
			`<p><a href="/leaving?to=https%3A%2F%2Fcats.example%2Fcat.png" rel="${LINK_REL}">Image: a cat</a></p>`
		);
	});

	it('keeps the words of a link to something that is not a web address, without the link', () => {
		for (const href of [
			'javascript:alert(1)',
			'mailto:me@example.com',
			'tel:07700900123',
			'file:///etc/passwd'
		]) {
			expect(renderPostHtml(`[the words](${href})`), href).toBe('<p>the words</p>');
		}
	});

	it.each(XSS_CORPUS.map((input) => [input]))('leaves nothing that runs in %j', (input) => {
		for (const text of [input, `before ${input} after`, `**${input}**`, `> ${input}`]) {
			const html = renderPostHtml(text, { siteOrigin: SITE });
			expect(problemsIn(html), html).toEqual([]);
			// In stored HTML every literal "<" opens a real tag (text has &lt;): check each one.
			for (const tag of html.match(/<[^>]*>/g) ?? []) {
				expect(tag).not.toMatch(
					/^<\/?\s*(script|svg|iframe|img|style|form|object|embed|math|input)/i
				);
				expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
				expect(tag).not.toMatch(/(javascript|data|vbscript)\s*:/i);
			}
		}
	});
});

describe('where a link may go', () => {
	it('reads addresses the way a browser does', () => {
		expect(classifyLink('java\nscript:alert(1)')).toEqual({ kind: 'refused' });
		expect(classifyLink('//evil.example/x').kind).toBe('external');
		expect(classifyLink('/forum?x=1#y')).toEqual({ kind: 'internal', href: '/forum?x=1#y' });
		expect(classifyLink('https://someone:secret@evil.example')).toEqual({ kind: 'refused' });
	});

	it('lets the leaving page show only ordinary web addresses', () => {
		expect(leavingTarget('https://www.nhs.uk/')?.href).toBe('https://www.nhs.uk/');
		for (const to of [
			null,
			'',
			'javascript:alert(1)',
			'data:text/html,x',
			'/forum',
			'not a url',
			'x'.repeat(3000)
		])
			expect(leavingTarget(to), String(to)).toBeNull();
	});
});

describe('limits on what can be posted', () => {
	it('accepts a title up to 150 characters and says how long a longer one is', () => {
		expect(titleSchema.parse(`  ${'a'.repeat(150)}  `)).toHaveLength(150);
		const result = titleSchema.safeParse('a'.repeat(151));
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toBe(
			'Keep the title to 150 characters or fewer (it has 151).'
		);
		expect(titleSchema.safeParse('   ').error?.issues[0].message).toBe('Give your post a title.');
		expect(titleSchema.parse('two\nlines\t here')).toBe('two lines here');
	});

	it('accepts a post up to 20,000 characters, and refuses an empty or longer one', () => {
		expect(bodySchema.parse('x'.repeat(20_000))).toHaveLength(20_000);
		expect(bodySchema.safeParse('x'.repeat(20_001)).error?.issues[0].message).toBe(
			'Keep your post to 20,000 characters or fewer (it has 20,001). You could split it into two posts.'
		);
		expect(bodySchema.safeParse(' \n\n \t').error?.issues[0].message).toBe(
			'Write something before posting.'
		);
	});

	it('tidies text so it can always be stored: no NUL, no broken characters, one kind of line ending', () => {
		expect(bodySchema.parse('a\u0000b\r\nc\ud800d')).toBe('ab\nc\ufffdd');
	});

	it('keeps a content warning short, lower-case, and optional', () => {
		expect(contentWarningSchema.parse(undefined)).toBeNull();
		expect(contentWarningSchema.parse('  ')).toBeNull();
		expect(contentWarningSchema.parse('Self-harm')).toBe('self-harm');
		expect(contentWarningSchema.safeParse('x'.repeat(41)).success).toBe(false);
	});
});

describe('excerpts for quotes', () => {
	it('gives the words of a post as plain text', () => {
		expect(excerptFromHtml(renderPostHtml('Hi **there**\n\n&lt;3 you & me'))).toBe(
			'Hi there <3 you & me'
		);
		expect(excerptFromHtml(renderPostHtml('word '.repeat(100)), 20)).toBe('word word word word…');
	});
});

describe('everyday lines (most chat messages) skip the Markdown parser', () => {
	const everyday = [
		'Anyone else revising for exams tonight?',
		'That actually helped, thank you for saying it.',
		"It's fine, honestly - I'm okay now!",
		'He said "hi" to me; I said ‘hello’ back…',
		'Café, naïve, Zoë, مرحبا, 你好 😀 ok',
		'A',
		'Year 11 starts in 2 weeks'
	];
	const notEveryday = [
		'**bold**',
		'1. first',
		'- a list',
		'# heading',
		'> a quote',
		'see www.example.com',
		'mail me at a@b.co',
		'https://example.com',
		'a & b',
		'<b>hi</b>',
		'two\nlines',
		'trailing space ',
		' leading space',
		'snake_case',
		'`code`',
		'~~gone~~',
		'[link](https://x.y)',
		'a|b',
		'x\ty'
	];

	it('knows which lines those are', () => {
		for (const line of everyday) expect(isEverydayLine(line), line).toBe(true);
		for (const line of notEveryday) expect(isEverydayLine(line), line).toBe(false);
	});

	it('gives exactly what marked and sanitize-html would, for any line it takes', () => {
		// Mostly what everyday lines are made of, with now and then something Markdown reads.
		const ordinary = [
			...'aZé1 9.,?!\'"’‘“”…;-',
			'😀',
			'\u200d',
			'\ufe0f',
			'\u0301',
			'www.',
			'1. ',
			'- '
		];
		const special = [...'_*#>&<@:/()[]|~`+=\n\t—–', '👍🏽'];
		// mulberry32: the same "random" lines every run.
		let seed = 42;
		const next = (n: number) => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) % n;
		};
		const piece = () =>
			next(100) < 85 ? ordinary[next(ordinary.length)] : special[next(special.length)];
		let taken = 0;
		for (let i = 0; i < 20_000; i++) {
			const text = Array.from({ length: 1 + next(16) }, piece).join('');
			const line = i % 2 ? `A${text}` : text;
			if (!isEverydayLine(line)) continue;
			taken++;
			expect(renderPostHtml(line, { siteOrigin: SITE }), JSON.stringify(line)).toBe(
				renderMarkdown(line, { siteOrigin: SITE })
			);
		}
		for (const line of everyday)
			expect(renderPostHtml(line, { siteOrigin: SITE })).toBe(
				renderMarkdown(line, { siteOrigin: SITE })
			);
		expect(taken).toBeGreaterThan(1_000);
	});
});
