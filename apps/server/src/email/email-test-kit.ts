import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import { startTestApp, type TestApp } from '../../test/app.js';
import { localDnsResolver } from '../../test/dns.js';
import { queryRows } from '../db/index.js';
import { escalationEmailAnswers } from '../escalation/index.js';
import type { DnsResolver } from '../platform/dns/index.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createLocalDiskStorage, type Storage } from '../platform/storage/index.js';
import type { DeskEvents } from '../realtime/create-desk-events.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import type { ReceiveEmailDeps } from './receive-email.js';
import { type SmtpListener, type SmtpListenerOptions, startSmtpListener } from './start-smtp-listener.js';

/** Test support: an app on a fresh database, a storage folder, and a real SMTP listener on a free port. */
export type EmailKit = TestApp & {
  storage: Storage;
  smtp: SmtpListener;
  events: DeskEvents;
  /** What the listener, the webhook and IMAP ask DNS (sender checks): a local table, never the internet. */
  dns: DnsResolver;
  /** What the listener receives with (database, storage, events, reactions, answers, DNS), for IMAP or direct calls. */
  deps: ReceiveEmailDeps;
  seen: { type: string; conversationId: string }[];
  send: (raw: Buffer | string, envelope?: { from?: string; to?: string[] }) => Promise<SmtpResult>;
  fixture: (name: string, replace?: Record<string, string>) => Promise<Buffer>;
  rows: <T>(query: ReturnType<typeof sql>) => Promise<T[]>;
  stop: () => Promise<void>;
};

export type SmtpResult = { code: number; response: string };

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export async function startEmailKit(
  options: {
    maxBytes?: number;
    listener?: Omit<SmtpListenerOptions, 'port' | 'maxBytes'>;
    dns?: DnsResolver;
    senderCheckTimeoutMs?: number;
  } = {},
): Promise<EmailKit> {
  const dns = options.dns ?? localDnsResolver();
  const senderCheck = {
    dns,
    ...(options.senderCheckTimeoutMs ? { senderCheckTimeoutMs: options.senderCheckTimeoutMs } : {}),
  };
  const root = await mkdtemp(path.join(tmpdir(), 'sb-email-'));
  // One store for the listener, the outbox and the routes that serve sources and attachments, as in main.ts.
  const storage = createLocalDiskStorage(root);
  const t = await startTestApp({ storage, app: { dnsResolver: dns } });
  const events = deskEventsOn(createMemoryEventBus());
  const seen: EmailKit['seen'] = [];
  events.subscribe((event) => {
    if ('conversationId' in event) seen.push({ type: event.type, conversationId: event.conversationId });
  });
  const deps: ReceiveEmailDeps = {
    db: t.database.db,
    storage,
    events,
    reactions: t.app.reactions,
    answers: escalationEmailAnswers,
    ...senderCheck,
  };
  const smtp = await startSmtpListener(deps, {
    port: 0,
    host: '127.0.0.1',
    maxBytes: options.maxBytes ?? 25 * 1024 * 1024,
    ...options.listener,
  });
  return {
    ...t,
    storage,
    smtp,
    events,
    dns,
    deps,
    seen,
    send: (raw, envelope = {}) => sendRaw(smtp.port, raw, envelope),
    fixture: async (name, replace = {}) => {
      let text = (await readFile(path.join(fixtures, name))).toString('latin1');
      for (const [key, value] of Object.entries(replace)) text = text.replaceAll(`{{${key}}}`, value);
      return Buffer.from(text, 'latin1');
    },
    rows: (query) => queryRows(t.database.db, query),
    stop: async () => {
      await smtp.close();
      await t.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * The headers a provider sends with a pushed message, signed by the standardwebhooks library itself (its
 * own JavaScript HMAC, so the server's verification is checked against the reference signer).
 */
export function signedWebhookHeaders(
  secret: string,
  raw: Buffer | string,
  options: { id?: string; at?: Date } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  return {
    'content-type': 'message/rfc822',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, typeof raw === 'string' ? Buffer.from(raw) : raw),
  };
}

/** One real SMTP session: EHLO, MAIL, RCPT, DATA. Resolves with the final reply, also for a refusal. */
export async function sendRaw(
  port: number,
  raw: Buffer | string,
  envelope: { from?: string; to?: string[] } = {},
): Promise<SmtpResult> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({
      envelope: { from: envelope.from ?? 'sender@example.com', to: envelope.to ?? ['support@north.test'] },
      raw,
    });
    return { code: Number(info.response.slice(0, 3)), response: info.response };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message: string };
    return { code: e.responseCode ?? 0, response: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

export { sql };

export type SmtpReply = { code: number; text: string };

/**
 * A hand-driven SMTP session over a raw socket, for what nodemailer does not let a test do: hold a
 * session open, stop half-way through DATA, watch the server close it. A reply of code 0 means closed.
 */
export function openSmtpSession(port: number, host = '127.0.0.1') {
  const socket = connect(port, host);
  const replies: SmtpReply[] = [];
  const waiting: ((reply: SmtpReply) => void)[] = [];
  let pending = '';
  let lines: string[] = [];
  let isClosed = false;
  socket.setEncoding('latin1');
  socket.on('error', () => {});
  socket.on('data', (text: string) => {
    pending += text;
    for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      lines.push(line);
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
      lines = [];
      const next = waiting.shift();
      if (next) next(reply);
      else replies.push(reply);
    }
  });
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      for (const next of waiting.splice(0)) next({ code: 0, text: 'closed' });
      resolve();
    }),
  );
  const reply = () =>
    new Promise<SmtpReply>((resolve) => {
      const ready = replies.shift();
      if (ready) resolve(ready);
      else if (isClosed) resolve({ code: 0, text: 'closed' });
      else waiting.push(resolve);
    });
  return {
    socket,
    closed,
    reply,
    command: (line: string) => {
      if (!isClosed) socket.write(`${line}\r\n`);
      return reply();
    },
    /** Writes without waiting for a reply; resolves once the socket took the bytes. */
    write: (data: Buffer | string) =>
      new Promise<void>((resolve) => (isClosed ? resolve() : socket.write(data, () => resolve()))),
    isClosed: () => isClosed,
  };
}
