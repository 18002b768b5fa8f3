/**
 * Per-request facts (client address, request id) that code deep in a call — such as Auth.js's
 * `authorize`, which only sees a Request — needs without threading them through every call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
	requestId: string;
	ip: string;
}

const KEY = Symbol.for('together.requestContext');
const g = globalThis as Record<symbol, AsyncLocalStorage<RequestContext>>;
const storage: AsyncLocalStorage<RequestContext> = (g[KEY] ??=
	new AsyncLocalStorage<RequestContext>());

export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
	return storage.run(context, fn);
}

export function requestContext(): RequestContext | undefined {
	return storage.getStore();
}
