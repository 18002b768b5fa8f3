import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { parseId } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { loadMemberPage } from '$lib/server/moderation/member-history';
import { MEMBER_NOT_FOUND } from '$lib/server/moderation/sanctions';
import { can } from '$lib/server/policy';
import { formatDate, formatDateTime } from '$lib/format';
import { REPORT_REASON_LABELS } from '$lib/forum';
import { SANCTION_KIND_LABELS } from '$lib/moderation';
import { roleLabel } from '$lib/roles';
import { liftAction, noteAction, sanctionAction } from '../../member-actions';
import type { Actions, PageServerLoad } from './$types';

const CHAT_ACTION_WORDS: Record<string, string> = {
	'chat.message.remove': 'Chat message removed',
	'chat.message.approve': 'Held chat message approved',
	'chat.member.mute': 'Messages paused in a room',
	'chat.member.remove': 'Taken out of a room'
};

const SESSION_ACTION_WORDS: Record<string, string> = {
	'workshop.idea.approve': 'Held idea approved',
	'workshop.idea.keep_hidden': 'Held idea kept hidden',
	'workshop.idea.remove': 'Held idea removed',
	'workshop.idea.hide': 'Idea hidden by the facilitator',
	'workshop.comment.approve': 'Held comment approved',
	'workshop.comment.keep_hidden': 'Held comment kept hidden',
	'workshop.comment.remove': 'Held comment removed'
};

const STATUS_WORDS: Record<string, string> = {
	published: 'Showing',
	held: 'Waiting for a youth worker',
	hidden: 'Hidden by a youth worker',
	deleted: 'Removed'
};

/** One line of what staff did about them (in a room or an idea session), as the page shows it. */
function historyEntry(
	action: { id: number; by: string; at: Date; reason: string | null },
	shown: {
		what: string;
		place: { href: string; name: string } | null;
		wrote: string | null;
		until: Date | null;
	}
) {
	return {
		id: action.id,
		by: action.by,
		when: formatDateTime(action.at),
		reason: action.reason,
		...shown,
		until: shown.until ? formatDateTime(shown.until) : null
	};
}

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	const me = requireCapability(locals, url, 'moderation.review');
	depends('forum:mod');
	const id = parseId(params.id);
	if (id === null) error(404, MEMBER_NOT_FOUND);
	let member: Awaited<ReturnType<typeof loadMemberPage>>;
	try {
		member = await loadMemberPage(await database(), me, id);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, MEMBER_NOT_FOUND);
		throw e;
	}
	return {
		canAct: can(me, 'moderation.act'),
		member: {
			id: member.id,
			username: member.username,
			staff: member.staff,
			roles: member.roles.map(roleLabel),
			joined: formatDate(member.joinedAt),
			lastSeen: formatDateTime(member.lastSeenAt),
			muted: member.mutedUntil ? formatDateTime(member.mutedUntil) : null,
			suspended: member.suspendedUntil ? formatDateTime(member.suspendedUntil) : null,
			suspendedReason: member.suspendedReason,
			openReports: member.openReports
		},
		sanctions: member.sanctions.map((s) => ({
			id: s.id,
			kind: SANCTION_KIND_LABELS[s.kind] ?? s.kind,
			message: s.message,
			by: s.issuedBy,
			when: formatDateTime(s.createdAt),
			until: s.endsAt ? formatDateTime(s.endsAt) : null,
			acknowledged: s.kind === 'warning' ? formatDateTime(s.acknowledgedAt, 'Not yet read') : null,
			lifted: s.liftedAt
				? `${formatDateTime(s.liftedAt)} by ${s.liftedBy ?? 'a former staff member'}`
				: null
		})),
		posts: member.moderatedPosts.map((p) => ({
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
		reports: member.reports.map((r, i) => ({
			id: i,
			about: r.kind === 'member' ? 'Them' : r.kind === 'post' ? 'A post' : 'A chat message',
			reason: REPORT_REASON_LABELS[r.reason] ?? r.reason,
			note: r.note,
			link:
				r.postId && r.threadId
					? `/forum/t/${r.threadId}?post=${r.postId}#post-${r.postId}`
					: r.messageId && r.roomId
						? `/chat/${r.roomId}#message-${r.messageId}`
						: null,
			when: formatDateTime(r.createdAt),
			open: r.reviewedAt === null
		})),
		chatActions: member.chatActions.map((a) =>
			historyEntry(a, {
				what: CHAT_ACTION_WORDS[a.action] ?? a.action,
				place:
					a.roomId === null ? null : { href: `/chat/${a.roomId}`, name: a.roomName ?? 'a room' },
				wrote: a.messageBody,
				until: a.until
			})
		),
		sessionActions: member.sessionActions.map((a) =>
			historyEntry(a, {
				what: SESSION_ACTION_WORDS[a.action] ?? a.action,
				place:
					a.workshopId === null
						? null
						: { href: `/sessions/${a.workshopId}`, name: a.workshopTitle ?? 'a session' },
				wrote: a.body,
				until: null
			})
		),
		notes: member.notes.map((n) => ({
			id: n.id,
			body: n.body,
			author: n.author,
			when: formatDateTime(n.createdAt)
		}))
	};
};

export const actions: Actions = {
	sanction: (event) => sanctionAction(event),
	lift: (event) => liftAction(event),
	note: (event) => noteAction(event)
};
