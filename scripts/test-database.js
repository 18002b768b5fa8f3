// Creates or drops a throwaway database on the PostgreSQL server at ADMIN_URL.
// `create` prints the new database's URL.
import postgres from 'postgres';

const [action] = process.argv.slice(2);
const adminUrl = process.env.ADMIN_URL;
const name = process.env.NAME;
if (!adminUrl || !name || !/^[a-z0-9_]+$/.test(name)) {
	console.error(
		'usage: ADMIN_URL=postgres://… NAME=lowercase_name node scripts/test-database.js create|drop'
	);
	process.exit(2);
}
const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
try {
	if (action === 'create') {
		await sql.unsafe(`CREATE DATABASE "${name}"`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		console.log(url.toString());
	} else if (action === 'drop') {
		await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	} else {
		throw new Error(`unknown action ${action}`);
	}
} finally {
	await sql.end();
}
