/**
 * What sending a message needs to know before it screens and writes, read in one prepared
 * statement (every message in a busy room runs it): the sender as they are now (their session
 * still stands, not suspended, their roles and mute), the room with their place in it (invited,
 * removed, muted here), and a message they already sent with this client id (a retry).
 * So a send costs one round trip before its batch is written, not three.
 */
import { and, eq, sql } from 'drizzle-orm';
import { currentUserFromRow, SESSION_ENDED, type CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { NotAllowedError } from '../policy';
import { preparedQuery } from '../db/prepared';
import { chatMessages, chatRoomMembers, chatRooms, users } from '../db/schema';
import type { ChatMessageView } from '../../chat';
import { sessionRoomOpenTo, type RoomAccess } from './access';
import type { RiskLevel } from '../safety/risk';
import { messageView } from './views';

/** The sender's session no longer stands: nothing is sent, and their connection should end. */
export class SessionEndedError extends NotAllowedError {
	constructor() {
		super(SESSION_ENDED);
	}
}

export interface SendContext {
	/** The sender now, or null: their session has ended (suspended, signed out everywhere). */
	author: CurrentUser | null;
	/** The room and the sender's place in it, or null: no such room. */
	access: RoomAccess | null;
	/** What the sender already sent with this client id (in any room), and its risk, or null. */
	earlier: { message: ChatMessageView; riskLevel: RiskLevel } | null;
}

const sendContextQuery = preparedQuery((db) => {
	const userId = sql.placeholder('userId');
	return db
		.select({
			person: users,
			room: chatRooms,
			member: chatRoomMembers,
			inSession: sessionRoomOpenTo(userId),
			earlier: chatMessages
		})
		.from(users)
		.leftJoin(chatRooms, eq(chatRooms.id, sql.placeholder('roomId')))
		.leftJoin(
			chatRoomMembers,
			and(eq(chatRoomMembers.roomId, chatRooms.id), eq(chatRoomMembers.userId, users.id))
		)
		.leftJoin(
			chatMessages,
			and(
				eq(chatMessages.authorId, users.id),
				eq(chatMessages.clientId, sql.placeholder('clientId'))
			)
		)
		.where(eq(users.id, userId))
		.prepare('chat_send_context');
});

export async function loadSendContext(
	db: Database,
	claims: Pick<CurrentUser, 'id' | 'sessionVersion'>,
	{ roomId, clientId }: { roomId: number; clientId: string }
): Promise<SendContext> {
	const [row] = await sendContextQuery(db).execute({ userId: claims.id, roomId, clientId });
	const author = currentUserFromRow(db, row?.person, {
		userId: claims.id,
		sessionVersion: claims.sessionVersion
	});
	if (!row || !author) return { author: null, access: null, earlier: null };
	return {
		author,
		access: row.room ? { room: row.room, member: row.member, inSession: row.inSession } : null,
		earlier: row.earlier
			? {
					message: messageView({
						...row.earlier,
						authorName: author.username,
						authorRoles: author.roles
					}),
					riskLevel: row.earlier.riskLevel
				}
			: null
	};
}
