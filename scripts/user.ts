/**
 * Operator CLI for accounts. This is how the first admin is made on a real deployment:
 *   npm run user:create  -- --username NAME --password PASS --role ROLE [--role ROLE2]
 *   npm run user:role    -- --username NAME --role ROLE [--role ROLE2]
 *   npm run user:suspend -- --username NAME [--days N | --until ISO-DATE | --lift] [--reason TEXT]
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the server first: one process owns it).
 */
import { parseArgs } from 'node:util';
import {
	createAccount,
	findUserByUsername,
	OPERATOR,
	setRoles,
	setSuspension
} from '../src/lib/server/accounts/manage';
import { closeDatabase, database } from '../src/lib/server/db';
import { ValidationError, NotFoundError } from '../src/lib/server/errors';
import { ConfigError } from '../src/lib/server/config';
import { DataDirLockedError } from '../src/lib/server/db/lock';

const USAGE = `Usage:
  npm run user:create  -- --username NAME --password PASS --role ROLE [--role ROLE2]
  npm run user:role    -- --username NAME --role ROLE [--role ROLE2]
  npm run user:suspend -- --username NAME [--days N | --until 2026-12-31 | --lift] [--reason TEXT]
Roles: young_person, youth_worker, safeguarding_lead, coproduction_lead, admin`;

export async function main(argv: string[]): Promise<string> {
	const [command, ...rest] = argv;
	const { values } = parseArgs({
		args: rest,
		options: {
			username: { type: 'string' },
			password: { type: 'string' },
			role: { type: 'string', multiple: true },
			days: { type: 'string' },
			until: { type: 'string' },
			lift: { type: 'boolean' },
			reason: { type: 'string' }
		},
		strict: true
	});
	if (!values.username) throw new UsageError('--username is required.');
	const db = await database();

	switch (command) {
		case 'create': {
			const user = await createAccount(db, OPERATOR, {
				username: values.username,
				password: values.password ?? '',
				roles: values.role ?? []
			});
			return `Created ${user.username} (id ${user.id}) with roles: ${user.roles.join(', ')}`;
		}
		case 'role': {
			const user = await findUserByUsername(db, values.username);
			await setRoles(db, OPERATOR, user.id, values.role ?? []);
			return `${user.username} now has roles: ${[...new Set(values.role)].join(', ')}`;
		}
		case 'suspend': {
			const user = await findUserByUsername(db, values.username);
			const until = suspensionEnd(values);
			await setSuspension(db, OPERATOR, user.id, { until, reason: values.reason });
			return until
				? `${user.username} is suspended until ${until.toISOString()}`
				: `${user.username} is no longer suspended`;
		}
		default:
			throw new UsageError(`Unknown command "${command ?? ''}".`);
	}
}

class UsageError extends Error {}

function suspensionEnd(values: { days?: string; until?: string; lift?: boolean }): Date | null {
	if (values.lift) return null;
	if (values.until) {
		const until = new Date(values.until);
		if (Number.isNaN(until.getTime()) || until <= new Date())
			throw new UsageError('--until must be a date in the future.');
		return until;
	}
	const days = Number(values.days ?? 36500);
	if (!Number.isFinite(days) || days <= 0)
		throw new UsageError('--days must be a positive number.');
	return new Date(Date.now() + days * 86_400_000);
}

/** What the operator reads when a command fails. */
export function explain(error: unknown): string {
	if (error instanceof ValidationError)
		return Object.entries(error.fieldErrors)
			.map(([k, v]) => `${k}: ${v}`)
			.join('\n');
	if (error instanceof UsageError) return `${error.message}\n\n${USAGE}`;
	if (
		error instanceof NotFoundError ||
		error instanceof ConfigError ||
		error instanceof DataDirLockedError
	)
		return error.message;
	if (
		error instanceof TypeError &&
		'code' in error &&
		String(error.code).startsWith('ERR_PARSE_ARGS')
	)
		return `${error.message}\n\n${USAGE}`;
	return `Unexpected error: ${error instanceof Error ? error.stack : String(error)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	let code = 0;
	try {
		console.log(await main(process.argv.slice(2)));
	} catch (error) {
		console.error(explain(error));
		code = 1;
	} finally {
		await closeDatabase().catch(() => {});
	}
	process.exit(code);
}
