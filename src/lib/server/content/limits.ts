/**
 * What a title, a post and a content warning may be: the limits, the tidying every piece of
 * text gets before it is screened or stored, and the messages someone sees when they are over.
 */
import { z } from 'zod';
import { MESSAGE_MAX } from '../../chat';
import { BODY_MAX, CONTENT_WARNING_MAX, TITLE_MAX, TITLE_MIN } from '../../forum';

const number = new Intl.NumberFormat('en-GB');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Text as we keep it: one kind of line ending, no control characters (PostgreSQL refuses NUL),
 * no broken UTF-16, composed (NFC) so the same words always look the same to screening.
 */
export function tidyText(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(CONTROL, '')
		.replace(LONE_SURROGATE, '\uFFFD')
		.normalize('NFC');
}

/** Words typed into a form field (a reason, a note): tidied and trimmed before any limit applies. */
export function typedText(message?: string) {
	return z
		.string(message === undefined ? undefined : { message })
		.transform((t) => tidyText(t).trim());
}

export const titleSchema = z
	.string({ message: 'Give your post a title.' })
	.transform((t) => tidyText(t).replace(/\s+/g, ' ').trim())
	.pipe(
		z
			.string()
			.min(1, 'Give your post a title.')
			.min(TITLE_MIN, `Make the title at least ${TITLE_MIN} characters.`)
			.refine((t) => t.length <= TITLE_MAX, {
				error: (issue) =>
					`Keep the title to ${TITLE_MAX} characters or fewer (it has ${number.format(String(issue.input).length)}).`
			})
	);

/**
 * Markdown someone writes: trailing spaces and blank lines at either end mean nothing; leading
 * spaces on the first line can (an indented code block), so only whole blank lines go from the start.
 */
function markdownSchema(
	max: number,
	words: { empty: string; tooLong: (max: string, has: string) => string }
) {
	return z
		.string({ message: words.empty })
		.transform((b) =>
			tidyText(b)
				.replace(/^(?:[ \t]*\n)+/, '')
				.trimEnd()
		)
		.pipe(
			z
				.string()
				.refine((b) => b.trim().length > 0, words.empty)
				.refine((b) => b.length <= max, {
					error: (issue) =>
						words.tooLong(number.format(max), number.format(String(issue.input).length))
				})
		);
}

export const bodySchema = markdownSchema(BODY_MAX, {
	empty: 'Write something before posting.',
	tooLong: (max, has) =>
		`Keep your post to ${max} characters or fewer (it has ${has}). You could split it into two posts.`
});

export const chatBodySchema = markdownSchema(MESSAGE_MAX, {
	empty: 'Write a message before sending.',
	tooLong: (max, has) =>
		`Keep a message to ${max} characters or fewer (it has ${has}). You could send it in two parts.`
});

/** Optional: empty means no warning. */
export const contentWarningSchema = z
	.string()
	.optional()
	.transform((w) => (w === undefined ? '' : tidyText(w).replace(/\s+/g, ' ').trim()))
	.pipe(
		z
			.string()
			.max(
				CONTENT_WARNING_MAX,
				`Keep the content warning to ${CONTENT_WARNING_MAX} characters or fewer.`
			)
	)
	.transform((w) => (w === '' ? null : w.toLowerCase()));
