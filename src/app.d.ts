import type { CurrentUser } from '$lib/server/accounts/current-user';

declare global {
	namespace App {
		interface Locals {
			user: CurrentUser | null;
			/** Read with the user, once per request (null when signed out). */
			pendingWarning: boolean;
			unreadNotifications: number | null;
			requestId: string;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			user?: { id: number; username: string; roles: string[]; staff: boolean } | null;
			/** A page meant for printing: the layout leaves out the site's header and footer. */
			bare?: boolean;
		}
	}
}

export {};
