import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import type { Plugin, ViteDevServer } from 'vite';

/** Attaches socket.io to Vite's own HTTP server in development (server.js does it in production). */
function realtime(): Plugin {
	const attach = async (server: ViteDevServer) => {
		if (!server.httpServer) return; // Vitest runs Vite without an HTTP server
		const { runtime } = await server.ssrLoadModule('/src/lib/server/runtime.ts');
		await runtime.attachRealtime(server.httpServer);
	};
	return {
		name: 'together-realtime',
		configureServer(server) {
			server.httpServer?.once('listening', () => {
				attach(server).catch((error) => server.config.logger.error(`realtime: ${error}`));
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), realtime()],
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	test: {
		include: [
			'src/**/*.{test,spec}.ts',
			'tests/unit/**/*.test.ts',
			'tests/integration/**/*.test.ts'
		],
		setupFiles: ['tests/setup/database.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		fileParallelism: true,
		maxWorkers: 2
	}
});
