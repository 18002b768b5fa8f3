/**
 * Markdown → HTML that is safe to put in front of anyone: marked turns what someone typed into
 * HTML, then sanitize-html keeps only an explicit allowlist. Raw HTML in the Markdown is shown as
 * the text it is, never interpreted; images become links; every link gets
 * rel="nofollow ugc noopener noreferrer", and links off Together go through the leaving page.
 *
 * This runs once, when a post is written or edited; the stored HTML is all that is ever rendered.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { classifyLink, leavingHref, LINK_REL } from './links';

export const ALLOWED_TAGS = [
	'p',
	'br',
	'strong',
	'em',
	'a',
	'ul',
	'ol',
	'li',
	'blockquote',
	'code',
	'pre',
	'h3',
	'h4'
] as const;

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const markdown = new Marked({
	gfm: true,
	// Young people write line by line: a single line break is a line break.
	breaks: true,
	async: false,
	renderer: {
		// <script>, <img onerror=…>, <svg>, <style>: shown exactly as typed.
		html: ({ text, block }) =>
			block ? `<p>${escapeHtml(text.trim()).replace(/\n/g, '<br>')}</p>\n` : escapeHtml(text),
		// Pictures from elsewhere are not shown (tracking, shock images): a link to them instead.
		image: ({ href, text }) =>
			`<a href="${escapeHtml(href)}">${escapeHtml(text ? `Image: ${text}` : 'Image')}</a>`
	}
});

/** Post headings sit under the page's own h1/h2, so they become h3/h4. */
const headings = { h1: 'h3', h2: 'h3', h5: 'h4', h6: 'h4' } as const;

function sanitise(html: string, siteOrigin: string | undefined): string {
	return sanitizeHtml(html, {
		allowedTags: [...ALLOWED_TAGS],
		allowedAttributes: { a: ['href', 'rel'] },
		allowedSchemes: ['http', 'https'],
		allowedSchemesByTag: {},
		allowedSchemesAppliedToAttributes: ['href'],
		allowProtocolRelative: false,
		allowedClasses: {},
		allowedStyles: {},
		disallowedTagsMode: 'discard',
		// Dropped with everything inside them, not just the tags.
		nonTextTags: [
			'script',
			'style',
			'textarea',
			'option',
			'noscript',
			'title',
			'template',
			'iframe',
			'object',
			'svg',
			'math'
		],
		transformTags: {
			...headings,
			a: (_tag, attribs): sanitizeHtml.Tag => {
				const target = classifyLink(attribs.href ?? '', siteOrigin);
				// Not a web address: keep the words, lose the link (span is not allowed, so it goes).
				if (target.kind === 'refused') return { tagName: 'span', attribs: {} };
				const href = target.kind === 'internal' ? target.href : leavingHref(target.url);
				return { tagName: 'a', attribs: { href, rel: LINK_REL } };
			}
		}
	});
}

export interface RenderOptions {
	/** Together's own address (config ORIGIN): absolute links to it stay on the site. */
	siteOrigin?: string;
}

/** The HTML to store for a post's Markdown. */
export function renderPostHtml(body: string, options: RenderOptions = {}): string {
	return isEverydayLine(body) ? `<p>${body}</p>` : renderMarkdown(body, options);
}

/** Markdown through marked and sanitize-html: what every post's HTML is, short or long. */
export function renderMarkdown(body: string, options: RenderOptions = {}): string {
	const html = markdown.parse(body, { async: false });
	return sanitise(html, options.siteOrigin).trim();
}

/**
 * Most chat messages are one line of everyday words: starting with a letter, ending without a
 * space, with nothing Markdown or HTML gives a meaning to (no markup, entity, list, heading,
 * quote or link, not even "www."). Their HTML is the line in a paragraph, exactly what marked and
 * sanitize-html make of it (tests/unit/content/render.test.ts checks the two agree), so a busy room need
 * not parse every message twice.
 */
const WORD_CHARACTER = String.raw`(?:[\p{L}\p{M}\p{N}\p{Extended_Pictographic},.?!'"’‘“”…;-]|\u200d|\ufe0f)`;
const EVERYDAY_LINE = new RegExp(`^\\p{L}(?:(?: |${WORD_CHARACTER})*${WORD_CHARACTER})?$`, 'u');

export function isEverydayLine(text: string): boolean {
	return EVERYDAY_LINE.test(text) && !/www\./i.test(text);
}

/** Plain text from stored post HTML, for quotes and previews (escaped again when shown). */
export function excerptFromHtml(html: string, max = 280): string {
	const text = html
		.replace(/<br\s*\/?>|<\/(?:p|li|h3|h4|blockquote|pre)>/g, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
