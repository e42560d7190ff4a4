// A Switchboard server for `npm run bench -- chat`, in a process of its own: the app with one client,
// a chat inbox and AGENTS agents; or, with ECHO=1, a bare WebSocket echo server for comparison.

import { WebSocketServer } from 'ws';
import { buildApp } from '../../apps/server/src/app.js';
import { hashPassword } from '../../apps/server/src/auth/password.js';
import { openDatabase } from '../../apps/server/src/db/index.js';
import { agencyUsers, agentClients, clients, inboxes } from '../../apps/server/src/db/schema.js';
import { createDeskEvents } from '../../apps/server/src/realtime/create-desk-events.js';

const agents = Number(process.env.AGENTS ?? 50);

if (process.env.ECHO === '1') {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
  );
  server.on('listening', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`ready http://127.0.0.1:${port}\n`);
  });
} else {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined });
  const [client] = await database.db
    .insert(clients)
    .values({ slug: 'bench', name: 'Bench Client', ticketPrefix: 'B' })
    .returning();
  await database.db.insert(inboxes).values({
    clientId: client!.id,
    name: 'Chat',
    channel: 'chat',
    key: 'bench-chat',
    settings: { channel: 'chat', allowedOrigins: ['http://bench.test'], greeting: '', color: '#1c7ed6' },
  });
  const passwordHash = await hashPassword('bench-password');
  const rows = await database.db
    .insert(agencyUsers)
    .values(
      Array.from({ length: agents }, (_, i) => ({
        email: `agent${i}@bench.test`,
        name: `Agent ${i}`,
        role: 'agent' as const,
        passwordHash,
        capacity: { email: 8, chat: 50, phone: 1 },
      })),
    )
    .returning({ id: agencyUsers.id });
  await database.db.insert(agentClients).values(rows.map((r) => ({ clientId: client!.id, agentId: r.id })));
  const events = await createDeskEvents(database);
  const app = await buildApp({
    database,
    events,
    logLevel: 'silent',
    loginPerMinute: 100_000,
    requestsPerMinute: 10_000_000,
    webDist: null,
    widgetDist: null,
    chatLimits: { messageBurst: 1000, messagesPerSecond: 1000, frameBurst: 1000, framesPerSecond: 1000 },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`ready ${url}\n`);
}
