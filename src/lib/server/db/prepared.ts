/**
 * A query that runs on (nearly) every request or socket event, built once per database and sent
 * as a named prepared statement: drizzle need not build it again, PostgreSQL need not plan it again.
 *
 *     const roomQuery = preparedQuery((db) => db.select()…where(eq(t.id, sql.placeholder('id'))).prepare('room'));
 *     const [row] = await roomQuery(db).execute({ id });
 */
import type { Database } from './client';

export function preparedQuery<T>(build: (db: Database) => T): (db: Database) => T {
	const built = new WeakMap<Database, T>();
	return (db) => {
		let query = built.get(db);
		if (!query) built.set(db, (query = build(db)));
		return query;
	};
}
