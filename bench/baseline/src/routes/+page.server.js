import { readFileSync } from 'node:fs';
import { env } from '$env/dynamic/private';

/** The posts the benchmark read from the real thread once, kept in memory. */
let posts;

export function load() {
	posts ??= JSON.parse(readFileSync(env.BASELINE_POSTS, 'utf8'));
	return { posts };
}
