// The chat benchmark's floor (scripts/bench-chat.ts): a bare socket.io server that only
// broadcasts. Same event names and acknowledgement shapes as Together's chat, with none of its
// work: no session, no database, no screening, no pacing, no presence. `room:join` puts the
// socket in the room; `chat:send` broadcasts the message to
// everyone in the room (the sender too, as Together does), then acknowledges with a made-up id.
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 4501);
const host = process.env.HOST ?? '127.0.0.1';

const server = http.createServer((req, res) => {
	res.writeHead(req.url === '/readyz' ? 200 : 404).end();
});
const io = new Server(server, { serveClient: false });
let nextId = 1;

io.on('connection', (socket) => {
	socket.on('room:join', async (payload, ack) => {
		await socket.join(`room:${payload.roomId}`);
		ack({ ok: true, messages: [] });
	});
	socket.on('chat:send', (payload, ack) => {
		const message = {
			id: nextId++,
			roomId: payload.roomId,
			clientId: payload.clientId,
			body: payload.body,
			createdAt: new Date().toISOString()
		};
		io.to(`room:${payload.roomId}`).emit('chat:message', message);
		ack({ ok: true, status: 'published', message });
	});
});

server.listen(port, host);
process.on('SIGTERM', () => io.close(() => process.exit(0)));
