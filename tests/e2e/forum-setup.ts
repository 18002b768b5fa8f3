/** Forum content for end-to-end tests to start from, made through the services. */
import type { Account } from './fixtures';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import type { Database } from '../../src/lib/server/db';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { approvePost } from '../../src/lib/server/moderation/held-posts';

/** Who an account is to the services, with these roles. */
export function actor(account: Account, roles: CurrentUser['roles']): CurrentUser {
	return {
		id: account.id,
		username: account.username,
		roles,
		staff: roles.some((r) => r !== 'young_person'),
		sessionVersion: 0,
		mutedUntil: null
	};
}

/**
 * A member's conversation, approved by a youth worker, as it would be after the review queue
 * (made through the services, so the test starts from a published member post).
 */
export async function approvedConversation(
	db: Database,
	author: Account,
	worker: Account,
	{
		title,
		body,
		warning,
		category = 'mental-health'
	}: { title: string; body: string; warning?: string; category?: string }
): Promise<string> {
	const outcome = await createThread(db, actor(author, ['young_person']), {
		categorySlug: category,
		title,
		body,
		contentWarning: warning
	});
	if (outcome.status === 'blocked') throw new Error(outcome.message);
	if (outcome.status === 'held')
		await approvePost(db, actor(worker, ['youth_worker']), { postId: outcome.postId });
	return `/forum/t/${outcome.threadId}`;
}
