import { ImapFlow } from 'imapflow';
import { openSecret } from '../platform/secrets/index.js';
import { type EmailInbox, findImapState, listImapInboxes, saveImapState } from './email-repository.js';
import { type ReceiveEmailDeps, receiveEmail } from './receive-email.js';

export type ImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox?: string;
  /** The manager's audited opt-out for a server with a self-signed certificate; off by default. */
  allowSelfSignedCertificate?: boolean;
};

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

export type ImapSync = {
  stop: () => Promise<void> /** Resolves once every mailbox has synced once. */;
  ready: Promise<void>;
};

/**
 * Follows each configured mailbox with IMAP IDLE (push, not polling). Messages above the stored UID
 * are taken in UID order; the UID cursor commits in the same transaction as the message, so a crash
 * or reconnect neither skips nor repeats one; \Seen is set only after the commit. A new UIDVALIDITY
 * restarts from the beginning, and Message-ID deduplication keeps that from storing anything twice.
 */
export async function startImapSync(
  deps: ReceiveEmailDeps,
  options: { onError?: (error: unknown) => void } = {},
): Promise<ImapSync> {
  const inboxes = await listImapInboxes(deps.db);
  const followers = inboxes.map((inbox) => followMailbox(deps, inbox, options.onError));
  return {
    ready: Promise.all(followers.map((f) => f.ready)).then(() => {}),
    stop: async () => {
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}

function followMailbox(deps: ReceiveEmailDeps, inbox: EmailInbox, onError?: (error: unknown) => void) {
  const settings = inbox.imap as ImapSettings;
  let stopped = false;
  let client: ImapFlow | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const pull = async (imap: ImapFlow, uidValidity: string) => {
    const state = await findImapState(deps.db, inbox.clientId, inbox.inboxId);
    let lastUid = state?.uidValidity === uidValidity ? state.lastUid : 0;
    const found: { uid: number; source: Buffer }[] = [];
    // Collect first: imapflow cannot run other commands while a FETCH is being iterated.
    for await (const message of imap.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
      if (message.uid > lastUid && message.source) found.push({ uid: message.uid, source: message.source });
    }
    for (const message of found.sort((a, b) => a.uid - b.uid)) {
      const save = {
        clientId: inbox.clientId,
        inboxId: inbox.inboxId,
        uidValidity,
        lastUid: message.uid,
        lastSyncAt: new Date(),
        lastError: null,
      };
      await receiveEmail(deps, {
        raw: message.source,
        inbox,
        via: 'imap',
        alsoInTransaction: (tx) => saveImapState(tx, save),
      });
      await saveImapState(deps.db, save);
      lastUid = message.uid;
      await imap.messageFlagsAdd(String(message.uid), ['\\Seen'], { uid: true }).catch(() => {});
    }
    await saveImapState(deps.db, {
      clientId: inbox.clientId,
      inboxId: inbox.inboxId,
      uidValidity,
      lastUid,
      lastSyncAt: new Date(),
      lastError: null,
    });
  };

  const session = async () => {
    const imap = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: { user: settings.user, pass: openSecret(settings.password) },
      logger: false,
      // The password goes only to a server whose certificate checks out (M7); without implicit TLS, STARTTLS
      // is required, so a server that offers none cannot take it in clear. Loopback never leaves the machine.
      tls: { rejectUnauthorized: settings.allowSelfSignedCertificate !== true },
      ...(!settings.secure && !loopback.has(settings.host) && { doSTARTTLS: true }),
    });
    client = imap;
    imap.on('error', () => {});
    await imap.connect();
    const lock = await imap.getMailboxLock(settings.mailbox ?? 'INBOX');
    const uidValidity = String((imap.mailbox as { uidValidity: bigint }).uidValidity);
    let chain = pull(imap, uidValidity);
    await chain;
    markReady();
    // New mail while IDLE: pull again, one pull at a time.
    imap.on('exists', () => {
      chain = chain.then(() => pull(imap, uidValidity)).catch((error: unknown) => onError?.(error));
    });
    let open = true;
    imap.once('close', () => {
      open = false;
    });
    // IDLE until the server reports news; a pull breaks IDLE by itself, and we enter it again after.
    while (open && !stopped) {
      await imap.idle().catch(() => {});
      await chain;
      if (open && !stopped) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    lock.release();
  };

  const loop = (async () => {
    let delay = 1000;
    while (!stopped) {
      try {
        await session();
        delay = 1000;
      } catch (error) {
        onError?.(error);
        await saveImapState(deps.db, {
          clientId: inbox.clientId,
          inboxId: inbox.inboxId,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          lastErrorAt: new Date(),
        }).catch(() => {});
      }
      if (stopped) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 60_000);
    }
  })();

  return {
    ready,
    stop: async () => {
      stopped = true;
      await client?.logout().catch(() => client?.close());
      await loop;
    },
  };
}
