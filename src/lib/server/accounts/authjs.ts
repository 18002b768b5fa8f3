/**
 * Auth.js configuration: one Credentials provider (username + password) and JWT sessions that
 * carry only the user id and session version. Who the person is right now is always re-read
 * from the database (current-user.ts).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { Auth, raw, skipCSRFCheck, type AuthConfig } from '@auth/core';
import { CredentialsSignin } from '@auth/core/errors';
import { SvelteKitAuth } from '@auth/sveltekit';
import Credentials from '@auth/sveltekit/providers/credentials';
import { config } from '../config';
import { database } from '../db';
import { requestContext } from '../request-context';
import { checkCredentials, pausedMessage, waitMessage } from './login';
import { usernameSchema } from './rules';
import { SESSION_MAX_AGE_SECONDS } from './session-token';

export type SignInProblem = 'invalid' | 'rate_limited' | 'suspended';

/** A sign-in refusal whose `code` says why, so the login page can show the right words. */
export class SignInRefused extends CredentialsSignin {
	constructor(
		code: SignInProblem,
		public readonly detail?: string
	) {
		super(detail);
		this.code = code;
	}
}

export function authConfig(): AuthConfig {
	return {
		secret: config().authSecret,
		trustHost: true,
		basePath: '/auth',
		skipCSRFCheck, // SvelteKit's own origin check guards every POST
		session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
		pages: { signIn: '/login', error: '/login' },
		logger: { error() {}, warn() {}, debug() {} },
		providers: [
			Credentials({
				credentials: {
					username: { label: 'Username' },
					password: { label: 'Password', type: 'password' }
				},
				async authorize(credentials) {
					const username = typeof credentials?.username === 'string' ? credentials.username : '';
					const password = typeof credentials?.password === 'string' ? credentials.password : '';
					// A name that breaks the username rules cannot belong to anyone: refuse without a lookup.
					if (!usernameSchema.safeParse(username).success || !password || password.length > 500) {
						throw new SignInRefused('invalid');
					}
					const result = await checkCredentials(await database(), {
						username,
						password,
						ip: requestContext()?.ip ?? 'unknown'
					});
					if (result.ok) {
						return {
							id: String(result.user.id),
							name: result.user.username,
							sv: result.user.sessionVersion
						};
					}
					if (result.reason === 'rate_limited') {
						throw new SignInRefused('rate_limited', waitMessage(result.retryAfterSeconds));
					}
					if (result.reason === 'suspended')
						throw new SignInRefused('suspended', pausedMessage(result.until));
					throw new SignInRefused(result.reason);
				}
			})
		],
		callbacks: {
			jwt({ token, user }) {
				if (user) {
					token.uid = Number(user.id);
					token.sv = (user as { sv?: number }).sv ?? 0;
				}
				return token;
			}
		}
	};
}

export const { handle: authHandle } = SvelteKitAuth(async () => authConfig());

/** Runs an Auth.js action in-process for a form action, copying its cookies onto the response. */
async function runAuthAction(event: RequestEvent, action: string, fields: Record<string, string>) {
	const headers = new Headers(event.request.headers);
	headers.set('Content-Type', 'application/x-www-form-urlencoded');
	headers.delete('content-length');
	const request = new Request(new URL(`/auth/${action}`, event.url.origin), {
		method: 'POST',
		headers,
		body: new URLSearchParams({ ...fields, callbackUrl: '/' })
	});
	const response = await Auth(request, { ...authConfig(), raw });
	for (const cookie of response?.cookies ?? []) {
		event.cookies.set(cookie.name, cookie.value, { path: '/', ...cookie.options });
	}
}

/** Starts a session, or says why not. Never reveals whether the username exists. */
export async function signInWithPassword(
	event: RequestEvent,
	username: string,
	password: string
): Promise<{ ok: true } | { ok: false; problem: SignInProblem; message: string }> {
	try {
		await runAuthAction(event, 'callback/credentials', { username, password });
		return { ok: true };
	} catch (error) {
		if (!(error instanceof CredentialsSignin)) throw error;
		const problem = (error.code as SignInProblem) ?? 'invalid';
		const message =
			problem === 'rate_limited'
				? ((error as SignInRefused).detail ?? waitMessage(15 * 60))
				: problem === 'suspended'
					? ((error as SignInRefused).detail ?? pausedMessage(null))
					: 'That username and password do not match. Check them and try again.';
		return { ok: false, problem, message };
	}
}

export async function endSession(event: RequestEvent): Promise<void> {
	await runAuthAction(event, 'signout', {});
}
