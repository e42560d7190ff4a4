import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { verifyPassword } from '../auth/index.js';
import { checkSenderAuthentication, type SmtpEnvelope } from './check-sender-authentication.js';
import { createSmtpSessionLimits } from './create-smtp-session-limits.js';
import { createSmtpSpool } from './create-smtp-spool.js';
import type { EmailInbox } from './email-repository.js';
import { findEmailInboxByAddress } from './email-repository.js';
import { type ParsedEmail, parseEmail } from './parse-email.js';
import {
  commitPreparedEmails,
  type PreparedEmail,
  prepareEmail,
  type ReceivedEmail,
  type ReceiveEmailDeps,
} from './receive-email.js';

export type SmtpListenerOptions = {
  port: number;
  host?: string;
  maxBytes: number;
  /** STARTTLS is offered only with a certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer } | undefined;
  /**
   * Optional relay auth (AUTH PLAIN/LOGIN): the user name and an argon2id hash of the password; with
   * `required`, mail from a session that did not log in is refused (530).
   */
  auth?: { user: string; passwordHash: string; required: boolean } | undefined;
  hostname?: string;
  onError?: (error: unknown) => void;
  /**
   * Group commit: how long (ms) a message that finds a transaction slot free waits for others to share
   * its transaction (default 5; 0 commits at once). While every slot is busy, arriving messages queue for the next.
   */
  groupCommitMs?: number;
  /** At most this many messages per transaction (default 50). */
  groupCommitMax?: number;
  /**
   * How many group transactions may run at once (default 1). More overlap Node and PostgreSQL work, but
   * concurrent batches can deadlock on each other's rows (a retry racing its first attempt) and fall back.
   */
  groupCommitParallel?: number;
  /** How long (ms) an inbox found for a recipient address is reused before it is looked up again (default 5000). */
  inboxCacheMs?: number;
  /** Sessions open at once (default 500); one more is refused with 421. */
  maxSessions?: number;
  /** Sessions open at once from one address, an IPv6 /64 counting as one (default 50); one more gets 421. */
  maxSessionsPerIp?: number;
  /** Recipients of one message (default 100, the least RFC 5321 lets a server take); one more gets 452. */
  maxRecipients?: number;
  /** Unknown recipients one session may name (default 20); one more closes the session with 421. */
  maxFailedRecipients?: number;
  /**
   * Memory the DATA of every session in flight may hold together (default 64 MiB); one message holds at
   * most 256 KiB of it, and what does not fit is written to a spool file as it arrives.
   */
  dataMemoryBytes?: number;
  /** The folder of those spool files (default: a folder in the system's temporary directory). */
  spoolDir?: string;
};

export type SmtpListener = { port: number; close: () => Promise<void> };

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** A message up to this size is kept in memory while it arrives (as its source is kept in its row when stored). */
const messageMemoryBytes = 256 * 1024;
/** Spooled (large) messages are parsed this many at a time: each is in memory whole while it is. */
const spooledAtOnce = 2;

/**
 * The agency's own MX-like listener: clients forward their support mail here. A recipient that is
 * no active e-mail inbox is refused at RCPT (550); a message over the limit with 552; a message is
 * answered 250 only after its rows committed for every recipient inbox (its files are durable before
 * that), so whatever got a 250 is never lost. Messages whose DATA ends close together are committed in
 * one transaction (group commit), and each is answered after that commit. A failure we may recover from
 * answers 451 and the sender retries. Sessions (in all, per address), recipients and unknown recipients
 * are limited, and DATA past a small share of memory goes to a spool file, so no crowd of senders can
 * make the process hold more than a fixed amount of memory.
 */
export async function startSmtpListener(deps: ReceiveEmailDeps, options: SmtpListenerOptions): Promise<SmtpListener> {
  const lookup = createInboxLookup(deps, options.inboxCacheMs ?? 5_000);
  // The inboxes found at RCPT, per session: DATA reuses them instead of looking each one up again.
  const foundAtRcpt = new WeakMap<object, Map<string, EmailInbox>>();
  const committer = createGroupCommitter((batch: PreparedEmail[]) => commitPreparedEmails(deps, batch), {
    windowMs: options.groupCommitMs ?? 5,
    max: options.groupCommitMax ?? 50,
    parallel: options.groupCommitParallel ?? 1,
  });
  const failures = createLoginFailures();
  const limits = createSmtpSessionLimits({
    sessionsPerAddress: options.maxSessionsPerIp ?? 50,
    failedRecipients: options.maxFailedRecipients ?? 20,
  });
  const spool = await createSmtpSpool({
    dir: options.spoolDir ?? path.join(tmpdir(), 'switchboard-smtp-spool'),
    maxBytes: options.maxBytes,
    messageMemoryBytes,
    totalMemoryBytes: options.dataMemoryBytes ?? 64 * 1024 * 1024,
    spooledAtOnce,
  });
  const config: SMTPServerOptions = {
    name: options.hostname ?? 'switchboard',
    banner: 'Switchboard ESMTP',
    size: options.maxBytes,
    maxClients: options.maxSessions ?? 500,
    maxRecipients: options.maxRecipients ?? 100,
    logger: false,
    secure: false,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !options.auth?.required,
    // With a certificate, credentials only travel after STARTTLS; without one (a private network) in the clear.
    allowInsecureAuth: !options.tls,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    onConnect(session, callback) {
      if (!limits.admit(session)) {
        callback(smtpError(421, '4.7.0 Too many sessions from your address, try again later'));
        return;
      }
      callback();
    },
    onClose(session) {
      limits.release(session);
    },
    onAuth(auth, session, callback) {
      const relay = options.auth;
      if (!relay) {
        callback(smtpError(503, '5.5.1 Authentication is not enabled'));
        return;
      }
      if (!failures.allowed(session.remoteAddress)) {
        callback(smtpError(454, '4.7.0 Too many failed logins, try again later'));
        return;
      }
      verifyRelayLogin(relay, auth.username ?? '', auth.password ?? '')
        .then((ok) => {
          if (ok) {
            callback(null, { user: relay.user });
            return;
          }
          failures.failed(session.remoteAddress);
          callback(smtpError(535, '5.7.8 Authentication failed'));
        })
        .catch(() => callback(smtpError(454, '4.7.0 Temporary authentication failure')));
    },
    onRcptTo(address, session, callback) {
      lookup(address.address)
        .then((inbox) => {
          if (!inbox) {
            callback(
              limits.refusedRecipient(session)
                ? smtpError(421, '4.7.0 Too many unknown recipients, closing')
                : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`),
            );
            return;
          }
          const found = foundAtRcpt.get(session) ?? new Map<string, EmailInbox>();
          foundAtRcpt.set(session, found);
          found.set(address.address.toLowerCase(), inbox);
          callback();
        })
        .catch(() => callback(smtpError(451, '4.3.0 Temporary failure, try again')));
    },
    onData(stream, session, callback) {
      spool
        .receive(stream)
        .then(async (message) => {
          if (message.oversized) {
            callback(smtpError(552, `5.3.4 Message too big (limit ${options.maxBytes} bytes)`));
            return;
          }
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const envelope = {
            remoteAddress: session.remoteAddress,
            helo: session.hostNameAppearsAs,
            mailFrom: envelopeFrom,
          };
          const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const found = foundAtRcpt.get(session);
          const inboxOf = async (address: string) => found?.get(address) ?? lookup(address);
          await message.consume((raw) => deliver(deps, raw, envelope, recipients, inboxOf, committer.submit));
          callback(null, 'Queued');
        })
        .catch((error: unknown) => {
          // A sender that hung up mid-message hears nothing; there is nobody to answer.
          if ((error as { code?: string }).code === 'ECONNECTION') {
            callback(error as Error);
            return;
          }
          options.onError?.(error);
          callback(
            (error as { responseCode?: number }).responseCode
              ? (error as Error)
              : smtpError(451, '4.3.0 Could not store the message now, try again'),
          );
        });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function deliver(
  deps: ReceiveEmailDeps,
  raw: Buffer,
  envelope: SmtpEnvelope,
  recipients: string[],
  inboxOf: (address: string) => Promise<EmailInbox | undefined>,
  commit: (prepared: PreparedEmail) => Promise<ReceivedEmail>,
) {
  const envelopeFrom = envelope.mailFrom;
  // Who really sent it (SPF with this session's address, HELO and MAIL FROM; DKIM; DMARC), checked while the
  // message is parsed and before it is stored, so the record committed before the 250 carries the result.
  // It waits on DNS for at most its timeout (then temperror), outside the group commit's transaction.
  const checking = checkSenderAuthentication(deps, { raw, smtp: envelope });
  let parsed: ParsedEmail;
  try {
    parsed = await parseEmail(raw, envelopeFrom);
  } catch {
    throw smtpError(554, '5.6.0 The message could not be parsed');
  }
  const senderAuth = await checking;
  const inboxes = new Map<string, EmailInbox>();
  for (const address of recipients) {
    const inbox = await inboxOf(address);
    if (inbox && !inboxes.has(inbox.inboxId)) inboxes.set(inbox.inboxId, inbox);
  }
  // Every recipient inbox is stored and committed before the one 250; if any fails the sender retries
  // the whole message, and the inboxes that already have it recognise it as a duplicate.
  const settled = await Promise.allSettled(
    [...inboxes.values()].map(async (inbox) =>
      commit(await prepareEmail(deps, { raw, inbox, envelopeFrom, via: 'smtp', parsed, senderAuth })),
    ),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

type Waiting<T, R> = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };

/**
 * Up to `parallel` transactions at a time, each for whatever prepared e-mails are waiting (up to
 * `max`). A message that finds a slot free waits `windowMs` for company; the ones that arrive while
 * every slot is busy go into the next transaction as soon as one ends. `commit` stores one batch and
 * settles each of its items.
 */
export function createGroupCommitter<T extends { clientId: string }, R>(
  commit: (batch: T[]) => Promise<PromiseSettledResult<R>[]>,
  { windowMs, max, parallel }: { windowMs: number; max: number; parallel: number },
) {
  const queue: Waiting<T, R>[] = [];
  let running = 0;
  let timer: NodeJS.Timeout | null = null;

  const flush = async () => {
    timer = null;
    if (running >= parallel || queue.length === 0) return;
    running++;
    // By client, so concurrent transactions take the clients' numbering locks in one order (no deadlock).
    const batch = queue.splice(0, max).sort((x, y) => x.item.clientId.localeCompare(y.item.clientId));
    try {
      const settled = await commit(batch.map((w) => w.item));
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') batch[i]!.resolve(s.value);
        else batch[i]!.reject(s.reason);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      running--;
      if (queue.length > 0 && !timer) void flush();
    }
  };

  const submit = (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (running >= parallel) return;
      if (queue.length >= max || windowMs <= 0) {
        if (timer) clearTimeout(timer);
        void flush();
      } else if (!timer) timer = setTimeout(() => void flush(), windowMs);
    });

  return { submit };
}

/** The password is always checked, also for a wrong user name, so a wrong name costs as long as a wrong password. */
async function verifyRelayLogin(relay: { user: string; passwordHash: string }, user: string, password: string) {
  const expected = Buffer.from(relay.user);
  const given = Buffer.from(user);
  const sameUser = expected.length === given.length && timingSafeEqual(expected, given);
  const passwordOk = await verifyPassword(relay.passwordHash, password);
  return sameUser && passwordOk;
}

const loginWindowMs = 15 * 60 * 1000;
const loginFailuresAllowed = 10;

/** Failed logins per remote address over a sliding 15 minutes; past 10 every attempt is refused unchecked. */
function createLoginFailures() {
  const byAddress = new Map<string, number[]>();
  const recent = (address: string) => {
    const cutoff = Date.now() - loginWindowMs;
    const times = (byAddress.get(address) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) byAddress.delete(address);
    else byAddress.set(address, times);
    return times;
  };
  return {
    allowed: (address: string) => recent(address).length < loginFailuresAllowed,
    failed: (address: string) => {
      byAddress.set(address, [...recent(address), Date.now()]);
      // Bounded memory under a spray of addresses: forget the oldest.
      if (byAddress.size > 10_000) byAddress.delete(byAddress.keys().next().value!);
    },
  };
}

/**
 * Recipient address → inbox, reused for a few seconds: a busy sender's every RCPT would otherwise cost a
 * query. Only inboxes found are kept (an inbox created a moment ago is never refused for long); an
 * inbox switched off keeps taking mail for at most that long, which is stored under it all the same.
 */
function createInboxLookup(deps: ReceiveEmailDeps, ttlMs: number) {
  const found = new Map<string, { inbox: EmailInbox; until: number }>();
  return async (address: string): Promise<EmailInbox | undefined> => {
    const key = address.toLowerCase();
    const now = Date.now();
    const cached = found.get(key);
    if (cached && cached.until > now) return cached.inbox;
    const inbox = await findEmailInboxByAddress(deps.db, key);
    if (inbox && ttlMs > 0) {
      if (found.size >= 10_000) found.clear();
      found.set(key, { inbox, until: now + ttlMs });
    } else found.delete(key);
    return inbox;
  };
}
