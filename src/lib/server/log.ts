/** Structured JSON logs. Never log message bodies or passwords: ids and decisions only. */
import pino from 'pino';

const KEY = Symbol.for('together.log');
const g = globalThis as Record<symbol, pino.Logger>;

export const log: pino.Logger = (g[KEY] ??= pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
	base: { service: 'together' },
	redact: ['password', '*.password', 'req.headers.cookie', 'headers.cookie']
}));
