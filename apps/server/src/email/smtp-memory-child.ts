// Test support for smtp-memory.test.ts: a server process (database + SMTP listener) whose memory the test
// watches while it floods the listener; it answers `memory` and `stored` over IPC.

import { sql } from 'drizzle-orm';
import { localDnsResolver } from '../../test/dns.js';
import { createAgency } from '../../test/fixtures.js';
import { openDatabase, queryRows } from '../db/index.js';
import { escalationEmailAnswers } from '../escalation/index.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createLocalDiskStorage } from '../platform/storage/index.js';
import { createConversationReactions } from '../reactions.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { type SmtpListenerOptions, startSmtpListener } from './start-smtp-listener.js';

type Request = { id: number; type: 'memory' } | { id: number; type: 'stored'; rfcMessageId: string };

const databaseUrl = process.env.MEMORY_DATABASE_URL || undefined;
const dataDir = process.env.MEMORY_DATA_DIR!;
const listenerOptions = JSON.parse(process.env.MEMORY_LISTENER_OPTIONS ?? '{}') as Partial<SmtpListenerOptions>;
const database = await openDatabase({ databaseUrl, dataDir });
const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM clients`);
if (row!.n === 0) await createAgency(database.db);
const listener = await startSmtpListener(
  {
    db: database.db,
    storage: createLocalDiskStorage(`${dataDir}/files`),
    events: deskEventsOn(createMemoryEventBus()),
    reactions: createConversationReactions({ publicUrl: 'http://localhost:3000' }),
    answers: escalationEmailAnswers,
    dns: localDnsResolver(),
  },
  { port: 0, host: '127.0.0.1', maxBytes: 25 * 1024 * 1024, ...listenerOptions },
);

process.on('message', (request: Request) => {
  const answer = async () => {
    if (request.type === 'memory') {
      // Measured after a full collection: what is still held, not garbage waiting for the collector.
      globalThis.gc?.();
      return process.memoryUsage();
    }
    const [found] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM email_messages WHERE rfc_message_id = ${request.rfcMessageId}`,
    );
    return found!.n;
  };
  answer().then((value) => process.send?.({ id: request.id, value }));
});
process.stdout.write(`ready ${listener.port}\n`);
