// The framework's floor for `npm run bench`: a bare SvelteKit app (adapter-node, no hooks, no
// layout, no session, no database) that server-renders the same 50 posts from memory.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default { kit: { adapter: adapter({ out: 'build' }) } };
