/**
 * PGlite is one connection in one process: two processes opening the same directory can
 * corrupt it. A lock file holding the owner's pid makes the second one stop with a clear
 * message instead.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

export function acquireDataDirLock(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, 'together.lock');
	try {
		writeFileSync(file, String(process.pid), { flag: 'wx' });
	} catch {
		const owner = Number(readFileSync(file, 'utf8'));
		if (owner && owner !== process.pid && isAlive(owner)) {
			throw new DataDirLockedError(
				`The embedded database in ${path.resolve(dataDir)} is in use by another Together process (pid ${owner}). ` +
					'Stop that process first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.'
			);
		}
		// A lock left behind by a process that no longer runs: take it over.
		writeFileSync(file, String(process.pid));
	}
	return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
