// Production entry: the SvelteKit handler (adapter-node) and socket.io on one HTTP server,
// with a graceful shutdown that stops accepting, drains, and closes the database.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
process.env.BODY_SIZE_LIMIT ??= '64K';

// Without ORIGIN, adapter-node assumes https and SvelteKit then refuses every form post from
// http://localhost as cross-site. This server speaks plain HTTP, so unless an operator says
// otherwise (ORIGIN, or PROTOCOL_HEADER behind a TLS proxy) each request is marked as http by
// a header we set ourselves, overwriting anything a client sent.
const LOCAL_PROTOCOL_HEADER = 'x-together-local-protocol';
const markLocalProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (markLocalProtocol) process.env.PROTOCOL_HEADER = LOCAL_PROTOCOL_HEADER;
process.env.NODE_ENV ??= 'production';

let handler;
try {
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	if (
		error?.code === 'ERR_MODULE_NOT_FOUND' &&
		String(error.message).includes('build/handler.js')
	) {
		console.error('Together is not built yet. Run `npm run build` first (or `npm run demo`).');
	} else {
		// Configuration and database problems arrive here with a message meant for the operator.
		console.error(error?.message ?? error);
	}
	process.exit(1);
}

const runtime = globalThis[Symbol.for('together.runtime')];
const server = http.createServer((req, res) => {
	if (markLocalProtocol) req.headers[LOCAL_PROTOCOL_HEADER] = 'http';
	handler(req, res);
});
await runtime.attachRealtime(server);

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	console.log(`Together is listening on http://${shown}:${port}`);
});

let stopping = false;
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: finishing requests and closing`);
	const force = setTimeout(() => {
		console.error('Shutdown took too long; exiting');
		process.exit(1);
	}, 10_000);
	force.unref();
	server.closeIdleConnections?.();
	try {
		await runtime.shutdown(); // closes socket.io (and with it the HTTP server), then the database
		process.exit(0);
	} catch (error) {
		console.error(error);
		process.exit(1);
	}
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
