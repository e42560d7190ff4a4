// Test support for smtp-crash.test.ts: one server process (database + SMTP listener) that the test kills with SIGKILL.

import { sql } from 'drizzle-orm';
import { localDnsResolver } from '../../test/dns.js';
import { createAgency } from '../../test/fixtures.js';
import { openDatabase, queryRows } from '../db/index.js';
import { escalationEmailAnswers } from '../escalation/index.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createLocalDiskStorage } from '../platform/storage/index.js';
import { createConversationReactions } from '../reactions.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { startSmtpListener } from './start-smtp-listener.js';

const [databaseUrl, dataDir, port] = [
  process.env.CRASH_DATABASE_URL || undefined,
  process.env.CRASH_DATA_DIR!,
  Number(process.env.CRASH_SMTP_PORT),
];
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
  { port, host: '127.0.0.1', maxBytes: 1024 * 1024 },
);
process.stdout.write(`ready ${listener.port}\n`);
