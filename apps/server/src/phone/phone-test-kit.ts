import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import twilio from 'twilio';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { buildApp } from '../app.js';
import type { Database } from '../db/index.js';
import { agencyUsers, inboxes, phoneClientSettings, phoneLines, phoneQueues } from '../db/schema.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createLocalDiskStorage, type Storage } from '../platform/storage/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import type { DeskEventSource } from '../realtime/desk-events.js';
import { sha256Hex } from './phone-repository.js';

export const publicUrl = 'https://switchboard.test';

/** A small 8 kHz mono PCM WAV: `seconds` of a 440 Hz tone, made in code. */
export function makeWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Twilio's REST API as far as Switchboard uses it: call updates, new calls, recording downloads. */
export type FakeTwilio = {
  baseUrl: string;
  requests: { method: string; path: string; form: Record<string, string>; auth: string }[];
  recordings: Map<string, Buffer>;
  close: () => Promise<void>;
};

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const requests: FakeTwilio['requests'] = [];
  const recordings = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        form,
        auth: request.headers.authorization ?? '',
      });
      const recording = url.pathname.match(/\/Recordings\/(RE[0-9a-f]{32})\.wav$/);
      if (request.method === 'GET' && recording) {
        const audio = recordings.get(recording[1]!);
        if (!audio) return response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': audio.length });
        return response.end(audio);
      }
      const sid = url.pathname.match(/\/Calls\/(CA[0-9a-f]{32})\.json$/)?.[1] ?? twilioSid('CA');
      response.writeHead(request.method === 'POST' && url.pathname.endsWith('/Calls.json') ? 201 : 200, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify({ sid, status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    recordings,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const twilioSid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export type PhoneLineFixture = {
  lineId: string;
  queueId: string;
  number: string;
  accountSid: string;
  authToken: string;
  inboxId: string;
};

export type PhoneKit = {
  app: FastifyInstance;
  database: Database;
  agency: Agency;
  storage: Storage;
  /** The desk events the app published (subscribe to see them). */
  events: DeskEventSource;
  /** Routing's presence: the agent is online, so calls may be offered to them. */
  goOnline: (agentId: string) => Promise<void>;
  twilioApi: FakeTwilio;
  north: PhoneLineFixture;
  south: PhoneLineFixture;
  /** Posts a Twilio-shaped webhook signed with the line's auth token (or `signature` as given). */
  twilioPost: (
    path: string,
    params: Record<string, string>,
    options?: { line?: PhoneLineFixture; query?: Record<string, string>; signature?: string },
  ) => Promise<import('fastify').LightMyRequestResponse>;
  stop: () => Promise<void>;
};

async function addLine(
  database: Database,
  clientId: string,
  number: string,
  provider: 'twilio' | 'cti',
  ctiToken?: string,
) {
  const [inbox] = await database.db
    .insert(inboxes)
    .values({
      clientId,
      name: 'Phone',
      channel: 'phone',
      key: `phone-${randomBytes(6).toString('hex')}`,
      settings: { channel: 'phone', number },
    })
    .returning();
  const [queue] = await database.db
    .insert(phoneQueues)
    .values({ clientId, name: 'Main', holdAudioUrl: 'https://cdn.example.com/hold.mp3', maxWaitSeconds: 120 })
    .returning();
  const accountSid = twilioSid('AC');
  const authToken = randomBytes(16).toString('hex');
  const [line] = await database.db
    .insert(phoneLines)
    .values({
      clientId,
      inboxId: inbox!.id,
      number,
      name: 'Main line',
      provider,
      accountSid: provider === 'twilio' ? accountSid : null,
      authToken: provider === 'twilio' ? authToken : null,
      ctiTokenHash: ctiToken ? sha256Hex(ctiToken) : null,
      greeting: 'Thanks for calling.',
      queueId: queue!.id,
    })
    .returning();
  return { lineId: line!.id, queueId: queue!.id, number, accountSid, authToken, inboxId: inbox!.id };
}

export async function startPhoneKit(): Promise<PhoneKit> {
  const database = await openTestDatabase();
  const agency = await createAgency(database.db);
  const events = deskEventsOn(createMemoryEventBus());
  const twilioApi = await startFakeTwilio();
  const dir = await mkdtemp(path.join(tmpdir(), 'sb-phone-'));
  const storage = createLocalDiskStorage(dir);
  const app = await buildApp({
    database,
    events,
    logLevel: 'silent',
    failedSignInsPerMinute: 1000,
    requestsPerMinute: 100_000,
    webDist: null,
    storage,
    phone: { publicUrl, twilioApiBaseUrl: twilioApi.baseUrl },
  });
  await app.ready();
  const north = await addLine(database, agency.north.id, '+15550001000', 'twilio');
  const south = await addLine(database, agency.south.id, '+15550002000', 'twilio');
  await database.db.insert(phoneClientSettings).values({
    clientId: agency.north.id,
    consentNotice: 'This call may be recorded for quality.',
    retentionDays: 30,
    callbackDueMinutes: 30,
  });
  const twilioPost: PhoneKit['twilioPost'] = (route, params, options = {}) => {
    const line = options.line ?? north;
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const url = `/api/v1/phone/twilio/${route}${query}`;
    const full = { AccountSid: line.accountSid, ApiVersion: '2010-04-01', ...params };
    const signature =
      options.signature ?? twilio.getExpectedTwilioSignature(line.authToken, `${publicUrl}${url}`, full);
    return app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
        'i-twilio-idempotency-token': randomBytes(8).toString('hex'),
      },
      payload: new URLSearchParams(full).toString(),
    });
  };
  return {
    app,
    database,
    agency,
    storage,
    events,
    goOnline: async (agentId) => {
      await database.db.update(agencyUsers).set({ presence: 'online' }).where(eq(agencyUsers.id, agentId));
    },
    twilioApi,
    north,
    south,
    twilioPost,
    stop: async () => {
      await app.close();
      await events.close();
      await twilioApi.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { addLine };
