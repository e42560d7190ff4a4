import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database.js';
import { type Database, openDatabase } from '../../db/index.js';
import type { EventBus } from './event-bus.js';
import { createPostgresEventBus } from './postgres-event-bus.js';
import type { SwitchboardEvent } from './switchboard-event.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(10);
  }
}

/** A second handle on the same database, as a second process would hold; PGlite has only the one. */
async function openSecondHandle(database: Database): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { ...database, close: async () => {} };
  const { rows } = await database.executeSql('SELECT current_database() AS name');
  const url = new URL(serverUrl);
  url.pathname = `/${String(rows[0]?.name)}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
}

describe('postgres event bus', () => {
  let database: Database;
  let secondHandle: Database;
  let busA: EventBus;
  let busB: EventBus;
  const receivedA: SwitchboardEvent[] = [];
  const receivedB: SwitchboardEvent[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    secondHandle = await openSecondHandle(database);
    busA = await createPostgresEventBus(database);
    busB = await createPostgresEventBus(secondHandle);
    busA.subscribe((event) => void receivedA.push(event));
    busB.subscribe((event) => void receivedB.push(event));
  });
  afterAll(async () => {
    await busA.close();
    await busB.close();
    await secondHandle.close();
    await database.close();
  });

  const reset = () => {
    receivedA.length = 0;
    receivedB.length = 0;
  };

  it('delivers an event published on either bus to both, exactly once each', async () => {
    reset();
    const fromA = { type: 'chat.message', clientId: 'client-a', messageId: 'm-1' };
    const fromB = { type: 'chat.message', clientId: 'client-b', messageId: 'm-2', body: 'سلام' };
    await busA.publish(fromA);
    await busB.publish(fromB);
    await waitFor(() => receivedA.length >= 2 && receivedB.length >= 2);
    await sleep(300); // room for a duplicate to show up
    expect(receivedA).toEqual([fromA, fromB]);
    expect(receivedB).toEqual([fromA, fromB]);
  });

  it('stops delivering to a handler after it unsubscribes', async () => {
    reset();
    const late: SwitchboardEvent[] = [];
    const unsubscribe = busB.subscribe((event) => void late.push(event));
    await busA.publish({ type: 'call.ringing', clientId: 'client-a', n: 1 });
    await waitFor(() => late.length === 1);
    unsubscribe();
    await busA.publish({ type: 'call.ringing', clientId: 'client-a', n: 2 });
    await waitFor(() => receivedB.length === 2);
    await sleep(100);
    expect(late).toEqual([{ type: 'call.ringing', clientId: 'client-a', n: 1 }]);
  });

  it('carries the largest event it accepts and refuses a larger one, counting bytes not characters', async () => {
    reset();
    // Persian text is two bytes a character in UTF-8: a character count would overrun NOTIFY.
    const event = (length: number) => ({ type: 'kb.updated', clientId: 'client-b', note: 'س'.repeat(length) });
    let length = 4000;
    while (true) {
      const refused = await busA.publish(event(length)).then(
        () => null,
        (error: unknown) => error,
      );
      if (refused === null) break;
      expect(refused).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      length -= 1;
    }
    expect(length).toBeLessThan(4000);
    await waitFor(() => receivedB.length === 1);
    expect(receivedB[0]).toEqual(event(length));
  });
});
