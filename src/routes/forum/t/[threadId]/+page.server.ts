import { error, fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { sentAsStream } from '$lib/server/http/streaming';
import { requireUser } from '$lib/server/http/guard';
import { deleteOwnPost } from '$lib/server/forum/delete-post';
import { editOwnPost } from '$lib/server/forum/edit-post';
import { requestedPage } from '$lib/server/forum/paging';
import { loadThreadPage } from '$lib/server/forum/read';
import { replyToThread } from '$lib/server/forum/reply';
import { toggleReaction } from '$lib/server/forum/reactions';
import { setFollowing } from '$lib/server/forum/followers';
import { threadToolCategories } from '$lib/server/forum/thread-tools';
import { can } from '$lib/server/policy';
import { contentWarningFrom, outcomeResult } from '../../post-form';
import { PostBodies } from '$lib/post-bodies';
import type { ListedPost, PostView } from '$lib/forum';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, depends, isDataRequest }) => {
	const me = requireUser(locals, url);
	const threadId = parseId(params.threadId);
	if (threadId === null) error(404, 'We could not find that conversation.');
	depends(`forum:thread:${threadId}`);
	const requested = requestedPage(url.searchParams.get('page'));
	if (requested === null) redirect(303, `/forum/t/${threadId}`);
	const postId = parseId(url.searchParams.get('post'));
	let result;
	try {
		result = await loadThreadPage(await database(), me, { threadId, page: requested, postId });
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		throw e;
	}
	if (postId === null && result.page !== requested)
		redirect(303, `/forum/t/${threadId}${result.page > 1 ? `?page=${result.page}` : ''}`);

	// "Quote" links come back here with ?quote=<post id>; only a published post can be quoted.
	const quoteId = parseId(url.searchParams.get('quote'));
	const quoted = result.posts.find((p) => p.id === quoteId && p.status === 'published');
	// The posts' HTML goes to the page once: rendered into it, and read back from it by the browser
	// (PostBodies). Data fetched without a page (a refresh) carries it.
	const { posts, ...rest } = result;
	return {
		...rest,
		posts: posts.map(withoutHtml),
		bodies: new PostBodies(new Map(posts.map((p) => [p.id, p.html])), !isDataRequest),
		quote: quoted ? { postId: quoted.id, username: quoted.author.username } : null,
		// Thread tools (ThreadTools.svelte) for youth workers: where the conversation can be moved.
		toolCategories: can(me, 'moderation.act')
			? await threadToolCategories(await database(), result.category.slug)
			: null,
		// Signed in, so never cached: no ETag to compute (see streaming.ts).
		sentAsStream: sentAsStream()
	};
};

function withoutHtml({ html: _html, ...post }: PostView): ListedPost {
	return post;
}

function threadIdOf(params: { threadId: string }): number {
	const id = parseId(params.threadId);
	if (id === null) throw new NotFoundError('We could not find that conversation.');
	return id;
}

export const actions: Actions = {
	reply: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = { ...formValues(data), form: 'reply' };
		try {
			const outcome = await replyToThread(await database(), me, {
				threadId: threadIdOf(params),
				body: text(data, 'body'),
				contentWarning: contentWarningFrom(data),
				quotePostId: parseId(text(data, 'quotePostId'))
			});
			return outcomeResult(outcome, values);
		} catch (e) {
			return failFromError(e, values);
		}
	},
	edit: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = { ...formValues(data), form: 'edit' };
		const postId = parseId(text(data, 'postId'));
		if (postId === null)
			return fail(404, { values, errors: {}, message: 'That post is no longer there.' });
		try {
			const outcome = await editOwnPost(await database(), me, {
				postId,
				body: text(data, 'body'),
				contentWarning: contentWarningFrom(data)
			});
			return outcomeResult(outcome, values);
		} catch (e) {
			return failFromError(e, values);
		}
	},
	delete: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = { ...formValues(data), form: 'delete' };
		const postId = parseId(text(data, 'postId'));
		if (postId === null)
			return fail(404, { values, errors: {}, message: 'That post is no longer there.' });
		let deleted;
		try {
			deleted = await deleteOwnPost(await database(), me, { postId });
		} catch (e) {
			return failFromError(e, values);
		}
		if (deleted.threadDeleted) redirect(303, `/forum/${deleted.categorySlug}?removed=1`);
		return { done: 'deleted' as const, form: 'delete', postId };
	},
	// A reaction button sends `reaction=<kind>:on|off` (what pressing it should make it).
	react: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		// The form's address names the post (?post=<id>), as it brings a plain form post back to it.
		const postId = parseId(url.searchParams.get('post'));
		const values = { ...formValues(data), form: 'react', postId: String(postId ?? '') };
		if (postId === null)
			return fail(404, { values, errors: {}, message: 'That post is no longer there.' });
		const [kind, want] = text(data, 'reaction').split(':');
		try {
			const reactions = await toggleReaction(await database(), me, {
				postId,
				kind,
				on: want === 'on' ? true : want === 'off' ? false : undefined
			});
			return { done: 'reacted' as const, form: 'react', postId, reactions };
		} catch (e) {
			return failFromError(e, values);
		}
	},
	follow: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = { ...formValues(data), form: 'follow' };
		try {
			const { following } = await setFollowing(await database(), me, {
				threadId: threadIdOf(params),
				following: text(data, 'following') !== 'false'
			});
			return { done: 'followed' as const, form: 'follow', following };
		} catch (e) {
			return failFromError(e, values);
		}
	}
};
