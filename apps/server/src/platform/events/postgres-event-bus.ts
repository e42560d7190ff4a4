import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/index.js';
import type { EventBus, EventBusLogger } from './event-bus.js';
import { consoleEventBusLogger, createSubscribers } from './subscribers.js';
import { decodeEvent, encodeEvent } from './switchboard-event.js';

export const eventChannel = 'switchboard_events';

export type PostgresEventBusOptions = { logger?: EventBusLogger; channel?: string };

/**
 * The bus across processes: one NOTIFY channel on the application's database. Each bus tags what
 * it sends with its own random origin and skips that origin when the notification comes back,
 * because it has already delivered the event to its own subscribers. The origin is per bus rather
 * than per process, so two buses in one process (tests, or PGlite's single shared connection)
 * still hear each other.
 */
export async function createPostgresEventBus(
  database: Database,
  options: PostgresEventBusOptions = {},
): Promise<EventBus> {
  const logger = options.logger ?? consoleEventBusLogger;
  const channel = options.channel ?? eventChannel;
  const origin = randomUUID();
  const envelopeStart = `{"origin":"${origin}","event":`;
  const envelopeBytes = Buffer.byteLength(`${envelopeStart}}`);
  const subscribers = createSubscribers(logger);

  const unlisten = await database.listen(channel, (payload) => {
    // Our own events come back first of all under load (a batch of mail sends dozens): skipped unparsed.
    if (payload.startsWith(envelopeStart)) return;
    const envelope = parseEnvelope(payload);
    if (envelope?.origin === origin) return;
    const event = envelope && decodeEvent(envelope.event);
    if (!event) {
      logger.error(
        { channel, payload: payload.slice(0, 200) },
        'Ignored a notification that is not a Switchboard event',
      );
      return;
    }
    subscribers.deliver(event);
  });

  return {
    async publish(event) {
      subscribers.assertOpen();
      const json = encodeEvent(event, envelopeBytes);
      // The database first: if NOTIFY fails, nobody has seen the event and a retry duplicates nothing.
      await database.notify(channel, `${envelopeStart}${json}}`);
      subscribers.deliver(event);
    },
    async publishMany(events) {
      subscribers.assertOpen();
      if (events.length === 0) return;
      const payloads = events.map((event) => `${envelopeStart}${encodeEvent(event, envelopeBytes)}}`);
      // One statement, one notification per event, delivered in this order.
      await database.executeSql(
        'SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n',
        [channel, payloads],
      );
      for (const event of events) subscribers.deliver(event);
    },
    subscribe: (handler) => subscribers.subscribe(handler),
    async close() {
      if (subscribers.closed) return;
      subscribers.close();
      await unlisten();
    },
  };
}

function parseEnvelope(payload: string): { origin: unknown; event: unknown } | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null || !('origin' in value) || !('event' in value)) return null;
    return { origin: value.origin, event: value.event };
  } catch {
    return null;
  }
}
