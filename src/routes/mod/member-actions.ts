/**
 * Form actions on a member, shared by the review queue and the member's page: warn, mute or
 * suspend; lift a mute or suspension; add a staff note. Thin adapters over the services.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { liftSanction, sanctionMember } from '$lib/server/moderation/sanctions';
import { addStaffNote } from '$lib/server/moderation/staff-notes';

export const NO_ITEM = {
	values: {},
	errors: {},
	message: 'That could not be found. Reload the page.'
};

export type MemberActionEvent = Pick<RequestEvent, 'locals' | 'url' | 'request'> & {
	params: Partial<Record<string, string>>;
};

/** The member a form is about: from the page's address, else the form's userId field. */
function memberId(event: MemberActionEvent, data: FormData): number | null {
	return parseId(event.params.id ?? text(data, 'userId'));
}

export async function sanctionAction(event: MemberActionEvent) {
	const me = requireCapability(event.locals, event.url, 'moderation.act');
	const data = await event.request.formData();
	const userId = memberId(event, data);
	if (userId === null) return fail(404, NO_ITEM);
	const viaPostId = parseId(text(data, 'viaPostId'));
	const viaMessageId = parseId(text(data, 'viaMessageId'));
	try {
		const done = await sanctionMember(await database(), me, {
			userId,
			action: text(data, 'action') as 'warn',
			duration: text(data, 'duration') as '1d',
			message: text(data, 'message'),
			fromReports: text(data, 'fromReports') === '1',
			...(viaPostId ? { viaPostId } : {}),
			...(viaMessageId ? { viaMessageId } : {})
		});
		return {
			done: done.kind,
			key: text(data, 'key'),
			username: done.username
		};
	} catch (e) {
		return failFromError(e, { ...formValues(data), form: 'sanction' });
	}
}

export async function liftAction(event: MemberActionEvent) {
	const me = requireCapability(event.locals, event.url, 'moderation.act');
	const data = await event.request.formData();
	const userId = memberId(event, data);
	if (userId === null) return fail(404, NO_ITEM);
	const kind = text(data, 'kind');
	try {
		await liftSanction(await database(), me, { userId, kind: kind as 'mute' });
		return { done: kind === 'mute' ? ('unmuted' as const) : ('unsuspended' as const) };
	} catch (e) {
		return failFromError(e, { ...formValues(data), form: 'lift' });
	}
}

export async function noteAction(event: MemberActionEvent) {
	const me = requireCapability(event.locals, event.url, 'moderation.act');
	const data = await event.request.formData();
	const userId = memberId(event, data);
	if (userId === null) return fail(404, NO_ITEM);
	try {
		await addStaffNote(await database(), me, { userId, body: text(data, 'body') });
		return { done: 'noted' as const, key: text(data, 'key') };
	} catch (e) {
		return failFromError(e, { ...formValues(data), form: 'note' });
	}
}
