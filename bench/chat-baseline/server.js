// The real-time benchmarks' floor (scripts/bench-chat.ts, scripts/bench-sessions.ts): a bare
// socket.io server that only broadcasts. Same event names and acknowledgement shapes as
// Together's chat and idea sessions, with none of their work: no session, no database, no
// screening, no pacing, no presence, one version of everything for everyone.
// Chat: `room:join` puts the socket in the room; `chat:send` broadcasts the message to everyone in
// the room (the sender too, as Together does), then acknowledges with a made-up id.
// Idea sessions: `workshop:join` joins; `workshop:add-idea` broadcasts `workshop:idea`;
// `workshop:vote` broadcasts `workshop:votes` with the count so far; `workshop:phase` broadcasts
// `workshop:changed` with the new phase; `workshop:reveal` broadcasts `workshop:changed` with
// the whole board (the same for everyone); `workshop:board` answers with every idea so far, from memory.
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

	socket.on('workshop:join', async ({ workshopId }, ack) => {
		await socket.join(`workshop:${workshopId}`);
		ack({ ok: true, board: boardOf(workshopId) });
	});
	socket.on('workshop:board', ({ workshopId }, ack) =>
		ack({ ok: true, board: boardOf(workshopId) })
	);
	socket.on('workshop:add-idea', ({ workshopId, body }, ack) => {
		const idea = { id: nextId++, body, createdAt: new Date().toISOString() };
		boardOf(workshopId).ideas.push(idea);
		io.to(`workshop:${workshopId}`).emit('workshop:idea', { workshopId, idea });
		ack({ ok: true, id: idea.id, status: 'published' });
	});
	socket.on('workshop:vote', ({ workshopId, ideaId }, ack) => {
		const board = boardOf(workshopId);
		board.votes.cast++;
		io.to(`workshop:${workshopId}`).emit('workshop:votes', { workshopId, votes: board.votes });
		ack({ ok: true, myVotes: [ideaId] });
	});
	socket.on('workshop:reveal', ({ workshopId }, ack) => {
		const board = boardOf(workshopId);
		io.to(`workshop:${workshopId}`).emit('workshop:changed', { workshopId, board });
		ack({ ok: true });
	});
	socket.on('workshop:phase', ({ workshopId, to }, ack) => {
		io.to(`workshop:${workshopId}`).emit('workshop:changed', {
			workshopId,
			workshop: { phase: to }
		});
		ack({ ok: true });
	});
});

const boards = new Map();
function boardOf(workshopId) {
	if (!boards.has(workshopId)) boards.set(workshopId, { ideas: [], votes: { cast: 0, voters: 0 } });
	return boards.get(workshopId);
}

server.listen(port, host);
process.on('SIGTERM', () => io.close(() => process.exit(0)));
