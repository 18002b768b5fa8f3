import { fail, type RequestEvent } from '@sveltejs/kit';
import type { CurrentUser } from '$lib/server/accounts/current-user';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { approvePost, approvePostWithEdit, hideHeldPost } from '$lib/server/moderation/held-posts';
import { hideReportedPost, keepReportedPost } from '$lib/server/moderation/reported-posts';
import { deletePostAsStaff } from '$lib/server/moderation/delete-post';
import { claimItem, releaseOwnClaim } from '$lib/server/moderation/claims';
import { dismissUserReports } from '$lib/server/moderation/reported-users';
import { keepReportedMessage, removeQueuedMessage } from '$lib/server/moderation/chat-messages';
import { approveHeldMessage } from '$lib/server/chat/controls';
import { reviewContribution } from '$lib/server/workshops/review';
import type { ReviewDecision } from '$lib/workshops';
import { loadReviewQueue, parseQueueQuery } from '$lib/server/moderation/queue';
import { can } from '$lib/server/policy';
import { formatDate, formatDateTime } from '$lib/format';
import { reasonLabel, REPORT_REASON_LABELS } from '$lib/forum';
import { LEVEL_LABELS } from '$lib/safeguarding';
import { SANCTION_KIND_LABELS } from '$lib/moderation';
import { NO_ITEM, noteAction, sanctionAction } from './member-actions';
import type { Actions, PageServerLoad } from './$types';

const STATUS_WORDS: Record<string, string> = {
	published: 'Showing',
	held: 'Waiting',
	hidden: 'Hidden',
	deleted: 'Removed'
};

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const me = requireCapability(locals, url, 'moderation.review');
	depends('forum:mod');
	const query = parseQueueQuery(url.searchParams);
	const queue = await loadReviewQueue(await database(), me, query);
	const members = Object.fromEntries(
		[...queue.members.values()].map((m) => [
			m.id,
			{
				id: m.id,
				username: m.username,
				joined: formatDate(m.joinedAt),
				staff: m.staff,
				muted: m.mutedUntil ? formatDateTime(m.mutedUntil) : null,
				suspended: m.suspendedUntil ? formatDateTime(m.suspendedUntil) : null,
				openReports: m.openReports,
				recentPosts: m.recentPosts.map((p) => ({
					id: p.id,
					threadId: p.threadId,
					threadTitle: p.threadTitle,
					status:
						p.status === 'deleted'
							? p.removedByStaff
								? 'Removed by a youth worker'
								: 'Removed by its author'
							: STATUS_WORDS[p.status],
					reason: p.reason,
					written: formatDateTime(p.createdAt)
				})),
				sanctions: m.sanctions.map((s) => ({
					id: s.id,
					kind: SANCTION_KIND_LABELS[s.kind] ?? s.kind,
					message: s.message,
					by: s.issuedBy,
					when: formatDateTime(s.createdAt),
					until: s.endsAt ? formatDateTime(s.endsAt) : null,
					lifted: s.liftedAt !== null
				})),
				notes: (queue.notes.get(m.id) ?? []).map((n) => ({
					id: n.id,
					body: n.body,
					author: n.author,
					when: formatDateTime(n.createdAt)
				}))
			}
		])
	);
	return {
		sort: queue.sort,
		kind: queue.kind,
		counts: queue.counts,
		canAct: can(me, 'moderation.act'),
		me: me.id,
		members,
		items: queue.items.map((item) => ({
			key: item.key,
			kind: item.kind,
			claimKind: item.claimRef.kind,
			itemId: item.claimRef.itemId,
			waiting: formatDateTime(item.waitingSince),
			risk: item.risk,
			riskLabel: item.risk === 'none' ? 'No risk found' : LEVEL_LABELS[item.risk],
			reportCount: item.reportCount,
			heldReasons: item.heldReasons.map(reasonLabel),
			reportReasons: item.reportReasons.map(
				(r) => `${REPORT_REASON_LABELS[r.reason] ?? r.reason} (${r.count})`
			),
			reporterNotes: item.reporterNotes,
			post: item.post
				? {
						id: item.post.id,
						threadId: item.post.threadId,
						threadTitle: item.post.threadTitle,
						categoryName: item.post.categoryName,
						opening: item.post.opening,
						html: item.post.html,
						body: item.post.body,
						contentWarning: item.post.contentWarning,
						hidden: item.post.status === 'hidden',
						deletedByAuthor: item.post.status === 'deleted',
						edited: item.post.editedAt !== null,
						// Sent back with an approval: the words approved are the words read.
						seen: item.post.editedAt?.toISOString() ?? ''
					}
				: null,
			message: item.message
				? {
						id: item.message.id,
						roomId: item.message.roomId,
						roomName: item.message.roomName,
						html: item.message.html
					}
				: null,
			idea: item.idea,
			conversation: item.conversation.map((m) => ({
				id: m.id,
				author: m.authorName ?? 'Former member',
				staff: m.staff,
				body: m.body,
				when: formatDateTime(new Date(m.createdAt)),
				reported: m.id === item.message?.id
			})),
			contextPosts: item.contextPosts,
			memberId: item.memberId,
			memberName: item.memberName,
			claim: item.claim
				? { byId: item.claim.byId, byName: item.claim.byName, since: formatDateTime(item.claim.at) }
				: null
		}))
	};
};

/** A post action: the post id from the form, the service, and what to say when it is done. */
function postAction(
	name: string,
	run: (
		db: Awaited<ReturnType<typeof database>>,
		me: CurrentUser,
		postId: number,
		data: FormData
	) => Promise<void>,
	done: 'approved' | 'edited' | 'hidden' | 'deleted' | 'kept' | 'closed'
) {
	return async ({ locals, url, request }: RequestEvent) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const postId = parseId(text(data, 'postId'));
		if (postId === null) return fail(404, NO_ITEM);
		try {
			await run(await database(), me, postId, data);
			return { done, key: text(data, 'key') };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: name });
		}
	};
}

/** A chat message action: the message id from the form, the service, what to say when done. */
function messageAction(
	name: string,
	run: (
		db: Awaited<ReturnType<typeof database>>,
		me: CurrentUser,
		messageId: number,
		data: FormData
	) => Promise<void>,
	done: 'messageApproved' | 'messageRemoved' | 'messageKept'
) {
	return async ({ locals, url, request }: RequestEvent) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const messageId = parseId(text(data, 'messageId'));
		if (messageId === null) return fail(404, NO_ITEM);
		try {
			await run(await database(), me, messageId, data);
			return { done, key: text(data, 'key') };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: name });
		}
	};
}

/**
 * A decision about a held idea-session idea or comment: the session and item ids from the form,
 * the rest (may this person, is it this session's, is it still held) decided by the service.
 */
function reviewAction(decision: ReviewDecision, name: string) {
	return async ({ locals, url, request }: RequestEvent) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const workshopId = parseId(text(data, 'workshopId'));
		const ideaId = parseId(text(data, 'ideaId'));
		const commentId = parseId(text(data, 'commentId'));
		if (workshopId === null || (ideaId === null && commentId === null)) return fail(404, NO_ITEM);
		try {
			await reviewContribution(await database(), me, {
				workshopId,
				...(commentId !== null ? { commentId } : { ideaId: ideaId! }),
				decision,
				reason: text(data, 'reason')
			});
			return { done: `idea-${decision}` as const, key: text(data, 'key') };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: name });
		}
	};
}

export const actions: Actions = {
	approveIdea: reviewAction('approve', 'approveIdea'),
	hideIdea: reviewAction('hide', 'hideIdea'),
	removeIdea: reviewAction('remove', 'removeIdea'),
	approveMessage: messageAction(
		'approveMessage',
		(db, me, messageId) => approveHeldMessage(db, me, messageId),
		'messageApproved'
	),
	keepMessage: messageAction(
		'keepMessage',
		(db, me, messageId) => keepReportedMessage(db, me, { messageId }),
		'messageKept'
	),
	removeMessage: messageAction(
		'removeMessage',
		(db, me, messageId, data) =>
			removeQueuedMessage(db, me, { messageId, reason: text(data, 'reason') }),
		'messageRemoved'
	),
	approve: postAction(
		'approve',
		(db, me, postId, data) => approvePost(db, me, { postId, seen: text(data, 'seen') }),
		'approved'
	),
	approveEdit: postAction(
		'approveEdit',
		(db, me, postId, data) =>
			approvePostWithEdit(db, me, {
				postId,
				seen: text(data, 'seen'),
				body: text(data, 'body'),
				title: data.has('title') ? text(data, 'title') : undefined
			}),
		'edited'
	),
	hide: postAction(
		'hide',
		(db, me, postId, data) => hideHeldPost(db, me, { postId, reason: text(data, 'reason') }),
		'hidden'
	),
	keep: postAction('keep', (db, me, postId) => keepReportedPost(db, me, { postId }), 'kept'),
	// A reported post its author deleted: the reports are closed, the post stays removed.
	closeReports: postAction(
		'closeReports',
		(db, me, postId) => keepReportedPost(db, me, { postId }),
		'closed'
	),
	hideReported: postAction(
		'hideReported',
		(db, me, postId, data) => hideReportedPost(db, me, { postId, reason: text(data, 'reason') }),
		'hidden'
	),
	delete: postAction(
		'delete',
		(db, me, postId, data) =>
			deletePostAsStaff(db, me, {
				postId,
				reason: text(data, 'reason'),
				from: text(data, 'from') === 'reported' ? 'reported' : 'held'
			}),
		'deleted'
	),
	dismissUser: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const userId = parseId(text(data, 'userId'));
		if (userId === null) return fail(404, NO_ITEM);
		try {
			await dismissUserReports(await database(), me, { userId });
			return { done: 'dismissed' as const, key: text(data, 'key') };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'dismissUser' });
		}
	},
	claim: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const itemId = parseId(text(data, 'itemId'));
		if (itemId === null) return fail(404, NO_ITEM);
		const intent = text(data, 'intent');
		try {
			const db = await database();
			const input = { kind: text(data, 'kind') as 'post', itemId };
			if (intent === 'release') await releaseOwnClaim(db, me, input);
			else await claimItem(db, me, { ...input, takeOver: intent === 'takeOver' });
			return {
				done: intent === 'release' ? ('released' as const) : ('claimed' as const),
				key: text(data, 'key')
			};
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'claim' });
		}
	},
	sanction: (event) => sanctionAction(event),
	note: (event) => noteAction(event)
};
