import type { CurrentUser } from '$lib/server/accounts/current-user';

declare global {
	namespace App {
		interface Locals {
			user: CurrentUser | null;
			requestId: string;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			user?: { id: number; username: string; roles: string[]; staff: boolean } | null;
		}
	}
}

export {};
