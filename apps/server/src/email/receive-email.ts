import { createHash, randomUUID } from 'node:crypto';
import type { DeskEvent, SenderAuthentication } from '@switchboard/contracts';
import {
  type IncomingMessage,
  insertQuietMessage,
  languageOfText,
  type Reactions,
  receiveIncomingMessage,
  recordMessageDelivery,
} from '../conversations/index.js';
import type { Db, Tx } from '../db/index.js';
import { lookUp } from '../db/index.js';
import type { attachments, emailMessages } from '../db/schema.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { checkSenderAuthentication, type SenderCheckDeps } from './check-sender-authentication.js';
import type { EmailAnswers } from './email-answers.js';
import {
  countRecentAutoAcks,
  type EmailInbox,
  emailMessagesByRfcIds,
  findDeliveriesByRfcId,
  findReplyContext,
  insertEmailMessage,
  insertEmailRows,
  updateDelivery,
} from './email-repository.js';
import { findEmailThread } from './find-email-thread.js';
import { fingerprintEmailContent, reusedMessageSourceId } from './fingerprint-email-content.js';
import { matchBounce } from './match-bounce.js';
import { ticketToken } from './normalise-subject.js';
import { type ParsedEmail, parseEmail } from './parse-email.js';
import { queueEmailDelivery } from './queue-email-delivery.js';
import { renderEmailBody } from './render-email-body.js';
import { sanitizeEmailHtml } from './sanitize-email-html.js';
import { storeEmailBatch } from './store-email-batch.js';
import { stripNulCharacters } from './strip-nul-characters.js';

export type ReceiveEmailDeps = {
  db: Db;
  storage: Storage;
  events: DeskEventPublisher;
  /** Who reacts to a customer's message or a client's answer in its transaction (the client's rules). */
  reactions: Reactions;
  /** Who else takes an e-mail as an answer (the escalation), see EmailAnswers. */
  answers: EmailAnswers;
} & SenderCheckDeps;

export type ReceiveEmailInput = {
  raw: Buffer;
  inbox: EmailInbox;
  envelopeFrom?: string | null;
  via: 'smtp' | 'imap' | 'webhook';
  /** Parsed once when one message goes to several inboxes. */
  parsed?: ParsedEmail;
  /**
   * Checked once by the SMTP listener, with its envelope (SPF too). Without it the message's DKIM and
   * DMARC are checked here, SPF recorded as not checked: IMAP and the webhook do not know the envelope.
   */
  senderAuth?: SenderAuthentication;
  /**
   * Runs in the same transaction, after the e-mail is recorded (not for a redelivery): IMAP advances its
   * UID cursor here, the webhook records the request's id.
   */
  alsoInTransaction?: (tx: Tx, stored: ReceivedEmail) => Promise<void>;
};

export type ReceiveEmailOutcome =
  | 'created'
  | 'continued'
  | 'duplicate'
  | 'auto_reply'
  | 'bounce'
  | 'unmatched'
  | 'loop'
  | 'escalation_answer';

export type ReceivedEmail = { outcome: ReceiveEmailOutcome; conversationId: string | null; messageId: string | null };

const autoAckPerSenderPerHour = 3;
/**
 * Raw sources up to this size live in the e-mail's own row (most mail: a few kilobytes): written in the
 * transaction that stores the message, durable with its commit, instead of a file of its own with an
 * fsync and a rename per message. Larger ones (big attachments inline in the MIME) go to storage.
 */
const inlineRawMaxBytes = 256 * 1024;

/**
 * One e-mail into one client's inbox, committed whole before the caller acknowledges it (SMTP 250,
 * IMAP \Seen, webhook 2xx): attachments and a large raw source in storage first (content-addressed, so
 * a retry rewrites the same keys), then the conversation, message, attachments and e-mail record (with
 * a small raw source in it) in one transaction. A redelivery (same Message-ID) is recognised and stored nowhere twice.
 */
export async function receiveEmail(deps: ReceiveEmailDeps, input: ReceiveEmailInput): Promise<ReceivedEmail> {
  return commitPreparedEmail(deps, await prepareEmail(deps, input));
}

type StoredEmail = ReceivedEmail & { created?: boolean; deskEvents?: DeskEvent[] };

/**
 * An e-mail whose files are stored and whose rows are ready to write: `store` writes them inside a
 * transaction the caller owns, `publish` announces them once that transaction committed.
 */
export type PreparedEmail = {
  clientId: string;
  /** `recheck`: also look for the Message-ID among desk messages (after a unique violation). */
  store: (tx: Tx, recheck?: boolean) => Promise<StoredEmail>;
  /** The desk events to publish once the transaction that stored it committed. */
  events: (result: StoredEmail) => DeskEvent[];
  /**
   * Set for a customer's message (not a bounce or auto-reply, nothing else to do in the transaction):
   * it may be stored together with others by `storeEmailBatch`, in a few statements for all of them.
   */
  batchable: BatchableEmail | null;
};

export type BatchableEmail = {
  inbox: EmailInbox;
  email: ParsedEmail;
  sender: string;
  incoming: IncomingMessage;
  /** The attachment rows of the desk message, once its id is known. */
  attachmentRows: (messageId: string) => (typeof attachments.$inferInsert)[];
  /** Of the parsed content: with the Message-ID, what tells a redelivery from another message under that id. */
  contentHash: string;
  /** The e-mail record, once the conversation and message are known (`reused`: its Message-ID came before). */
  emailRecord: (
    conversationId: string | null,
    messageId: string | null,
    reused: boolean,
  ) => typeof emailMessages.$inferInsert;
  /** After a new conversation opened: the acknowledgement, when the inbox sends one. */
  afterOpened: ((tx: Tx, conversationId: string) => Promise<void>) | null;
};

/** One prepared e-mail in a transaction of its own; a lost race on the Message-ID is retried once. */
export async function commitPreparedEmail(deps: ReceiveEmailDeps, prepared: PreparedEmail): Promise<ReceivedEmail> {
  let result: StoredEmail;
  try {
    result = await deps.db.transaction((tx) => prepared.store(tx));
  } catch (error) {
    // Two deliveries of one message raced (a sender's retry while the first is still committing): the
    // loser's transaction hit the unique Message-ID and now finds the winner's record.
    // A deadlock with a concurrent batch (the same message in both) is retried the same way.
    const code = postgresCodeOf(error);
    if (code !== '23505' && code !== '40P01' && !/unique/i.test(String((error as Error).message))) throw error;
    result = await deps.db.transaction((tx) => prepared.store(tx, true));
  }
  await publishAll(deps, prepared.events(result));
  return receivedOf(result);
}

const receivedOf = (result: StoredEmail): ReceivedEmail => ({
  outcome: result.outcome,
  conversationId: result.conversationId,
  messageId: result.messageId,
});

/** Every event of a batch in one go: on PostgreSQL one NOTIFY statement, not one per event. */
async function publishAll(deps: ReceiveEmailDeps, events: DeskEvent[]) {
  if (events.length === 0) return;
  if (deps.events.publishMany) await deps.events.publishMany(events);
  else for (const event of events) await deps.events.publish(event);
}

/**
 * Group commit: several prepared e-mails in ONE transaction, so the commit (and its WAL flush) is paid
 * once for all of them; nothing is announced, or acknowledged by the caller, before that commit. If
 * anything in the batch fails, the batch is rolled back and every e-mail is committed on its own, so
 * one bad message fails only itself. Once committed, the batch is settled at once and its desk events go
 * out beside the next batch's transaction rather than before it: what the sender is told depends on the
 * commit alone (a lost announcement costs a live update, never the message).
 */
export async function commitPreparedEmails(
  deps: ReceiveEmailDeps,
  batch: PreparedEmail[],
): Promise<PromiseSettledResult<ReceivedEmail>[]> {
  let stored: StoredEmail[] | null = null;
  try {
    stored = await deps.db.transaction((tx) => storeEmailBatch(tx, batch, deps));
  } catch {
    stored = null;
  }
  if (stored) {
    const done = stored;
    publishAll(
      deps,
      batch.flatMap((prepared, i) => prepared.events(done[i]!)),
    ).catch((error: unknown) => console.error('Could not announce stored e-mails', error));
    return done.map((result) => ({ status: 'fulfilled', value: receivedOf(result) }) as const);
  }
  const settled: PromiseSettledResult<ReceivedEmail>[] = [];
  for (const prepared of batch) {
    settled.push(
      await commitPreparedEmail(deps, prepared).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      ),
    );
  }
  return settled;
}

/** The PostgreSQL error code of a failed statement; the driver nests its error under `cause`. */
const postgresCodeOf = (error: unknown): string | undefined => {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
};

/** Parse (unless given), store the raw source and attachments, and make the rows ready to write. */
export async function prepareEmail(deps: ReceiveEmailDeps, input: ReceiveEmailInput): Promise<PreparedEmail> {
  const { inbox } = input;
  const email = stripNulCharacters(input.parsed ?? (await parseEmail(input.raw, input.envelopeFrom ?? null)));
  const senderAuth = input.senderAuth ?? (await checkSenderAuthentication(deps, { raw: input.raw, smtp: null }));
  const sender = email.from.address || (input.envelopeFrom ?? '').toLowerCase() || 'unknown@unknown.invalid';
  // A small raw source is kept in the e-mail's row, committed with it; a larger one goes to storage.
  const inline = input.raw.length <= inlineRawMaxBytes;
  const rawKey = inline
    ? null
    : `${inbox.clientId}/email/raw/${createHash('sha256').update(input.raw).digest('hex')}.eml`;
  // The raw source and the attachments are written side by side; each put is durable when it resolves.
  const [, files] = await Promise.all([
    rawKey ? deps.storage.put(rawKey, input.raw) : null,
    Promise.all(
      email.attachments.map(async (file) => {
        const stored = await deps.storage.put(
          `${inbox.clientId}/email/attachments/${createHash('sha256').update(file.content).digest('hex')}`,
          file.content,
        );
        return { id: randomUUID(), file, stored };
      }),
    ),
  ]);
  const cidUrls = new Map(
    files.filter((f) => f.file.cid).map((f) => [f.file.cid!, `/api/v1/email/attachments/${f.id}/content`]),
  );
  const html = email.html
    ? sanitizeEmailHtml(email.html, cidUrls)
    : email.quotedText
      ? { blocked: textWithQuote(email.latestText, email.quotedText), remoteImages: false, withImages: null }
      : { blocked: null, remoteImages: false, withImages: null };

  const contentHash = fingerprintEmailContent(email);
  // Decided by each `store` before it writes: this Message-ID came before with other content.
  let reused = false;
  const sourceId = () => (reused ? reusedMessageSourceId(email.rfcMessageId, contentHash) : email.rfcMessageId);
  const emailRecord = (kind: string, conversationId: string | null, messageId: string | null, reusedId = reused) =>
    ({
      clientId: inbox.clientId,
      inboxId: inbox.inboxId,
      conversationId,
      messageId,
      direction: 'in',
      kind,
      rfcMessageId: email.rfcMessageId,
      inReplyTo: email.inReplyTo,
      references: email.references,
      threadIndexRoot: email.threadIndexRoot,
      fromAddress: sender,
      subject: email.subject,
      rawKey,
      raw: inline ? input.raw : null,
      rawSize: input.raw.length,
      remoteImages: html.remoteImages,
      htmlWithImages: html.remoteImages ? html.withImages : null,
      via: input.via,
      contentHash,
      reusedMessageId: reusedId,
      spf: senderAuth.spf,
      dkim: senderAuth.dkim,
      dmarc: senderAuth.dmarc,
      senderAuth,
    }) satisfies typeof emailMessages.$inferInsert;
  const record = (tx: Tx, kind: string, conversationId: string | null, messageId: string | null) =>
    insertEmailRows(tx, { emails: [emailRecord(kind, conversationId, messageId)] });
  const attachmentRows = (messageId: string) =>
    files.map(({ id, file, stored }) => ({
      id,
      clientId: inbox.clientId,
      messageId,
      filename: file.filename,
      contentType: file.contentType,
      size: stored.size,
      storageKey: `${inbox.clientId}/email/attachments/${stored.sha256}`,
      sha256: stored.sha256,
    }));
  const linkFiles = (tx: Tx, messageId: string) => insertEmailRows(tx, { attachments: attachmentRows(messageId) });
  const at = new Date();
  const language = languageOfText(`${email.subject} ${email.latestText}`);
  const incoming: IncomingMessage = {
    clientId: inbox.clientId,
    inboxId: inbox.inboxId,
    channel: 'email',
    sender: { sourceId: sender, name: email.from.name || sender.split('@')[0]!, email: sender, locale: language },
    conversationId: null,
    subject: email.subject
      .replace(/\[[^\]#[]{1,40}#\d{1,9}\]/g, '')
      .trim()
      .slice(0, 500),
    bodyText: email.latestText,
    bodyHtml: html.blocked,
    sourceId: email.rfcMessageId,
    // Looked up among this client's e-mail records in the same transaction; the unique index guards races.
    sourceIdChecked: true,
    language,
    receivedAt: at,
    // The desk shows a sender that failed authentication on the message itself.
    activity: { senderAuth },
  };
  const acknowledges = !email.class.noAutoAck && Boolean(inbox.autoAck);
  const afterOpened = acknowledges
    ? (tx: Tx, conversationId: string) => queueAutoAck(tx, inbox, { conversationId, sender, email, language })
    : null;

  const store = async (tx: Tx, recheck = false): Promise<StoredEmail> => {
    const known = (
      await lookUp(
        tx,
        emailMessagesByRfcIds([{ i: 0, clientId: inbox.clientId, rfcId: email.rfcMessageId, contentHash }]),
      )
    ).get(0);
    reused = known !== undefined && !known.sameContent;
    if (known?.sameContent)
      return {
        outcome: known.direction === 'out' ? 'loop' : 'duplicate',
        conversationId: known.conversationId,
        messageId: known.messageId,
      };
    const done = async (result: StoredEmail) => {
      await input.alsoInTransaction?.(tx, result);
      return result;
    };

    if (email.class.bounce) {
      // Only a report about mail we actually sent, to the recipient it names, marks a delivery failed.
      const originalId = email.bounce?.originalMessageId;
      const match = matchBounce(
        email.bounce,
        originalId ? await findDeliveriesByRfcId(tx, inbox.clientId, originalId) : [],
      );
      const reported = {
        originalMessageId: originalId ?? null,
        recipients: email.bounce?.report?.recipients ?? [],
        status: email.bounce?.status ?? null,
        diagnostic: email.bounce?.diagnostic ?? null,
      };
      if (!match.matched) {
        // Kept where the admin sees it (the e-mail area's unmatched bounces), in no conversation.
        await insertEmailMessage(tx, {
          ...emailRecord('bounce', null, null),
          bounce: { ...reported, reason: match.reason },
        });
        return done({ outcome: 'unmatched', conversationId: null, messageId: null });
      }
      const { delivery, recipient } = match;
      const conversationId = delivery.conversationId!;
      const failure = {
        status: 'failed',
        recipient: recipient.finalRecipient ?? recipient.originalRecipient ?? undefined,
        code: recipient.status ?? undefined,
        diagnostic: recipient.diagnostic ?? undefined,
      };
      const message = await insertQuietMessage(tx, {
        clientId: inbox.clientId,
        conversationId,
        kind: 'activity',
        authorType: 'system',
        authorName: 'Mail system',
        bodyText: `Delivery failed${failure.recipient ? ` to ${failure.recipient}` : ''}${failure.diagnostic ? `: ${failure.diagnostic}` : ''}`,
        activity: { action: 'email.delivery_failed', ...failure, originalMessageId: originalId },
        sourceId: sourceId(),
        createdAt: at,
      });
      await updateDelivery(tx, inbox.clientId, delivery.id, {
        status: 'failed',
        lastError: failure.diagnostic ?? 'bounced',
      });
      if (delivery.messageId) await recordMessageDelivery(tx, inbox.clientId, delivery.messageId, failure);
      await linkFiles(tx, message.id);
      await insertEmailMessage(tx, { ...emailRecord('bounce', conversationId, message.id), bounce: reported });
      return done({ outcome: 'bounce', conversationId, messageId: message.id });
    }

    // A client user's reply to an escalation e-mail is the client's answer, never a customer message.
    const escalation = await deps.answers.receive(tx, {
      reactions: deps.reactions,
      clientId: inbox.clientId,
      sender,
      subject: email.subject,
      inReplyTo: email.inReplyTo,
      references: email.references,
      text: email.latestText,
      automatic: email.class.autoReply,
    });
    if (escalation) {
      const kind = { answered: 'escalation_answer', refused: 'escalation_refused', automatic: 'escalation_auto_reply' };
      await record(tx, kind[escalation.outcome], escalation.conversationId, escalation.messageId);
      if (escalation.messageId) await linkFiles(tx, escalation.messageId);
      return done({
        outcome: escalation.outcome === 'answered' ? 'escalation_answer' : 'unmatched',
        conversationId: escalation.conversationId,
        messageId: escalation.messageId,
        deskEvents: escalation.events,
      });
    }

    const thread = await findEmailThread(tx, {
      clientId: inbox.clientId,
      inboxId: inbox.inboxId,
      ticketPrefix: inbox.ticketPrefix,
      email,
      sender,
    });
    if (email.class.autoReply) {
      if (!thread) {
        await record(tx, 'auto_reply', null, null);
        return done({ outcome: 'unmatched', conversationId: null, messageId: null });
      }
      // An out-of-office is shown in the thread but neither reopens it nor restarts the customer's clock.
      const message = await insertQuietMessage(tx, {
        clientId: inbox.clientId,
        conversationId: thread.conversationId,
        kind: 'incoming',
        authorType: 'contact',
        authorName: email.from.name || sender,
        bodyText: email.latestText,
        bodyHtml: html.blocked,
        activity: { autoReply: true, senderAuth },
        sourceId: sourceId(),
        language,
        createdAt: at,
      });
      await linkFiles(tx, message.id);
      await record(tx, 'auto_reply', thread.conversationId, message.id);
      return done({ outcome: 'auto_reply', conversationId: thread.conversationId, messageId: message.id });
    }

    const received = await receiveIncomingMessage(
      tx,
      {
        ...incoming,
        conversationId: thread?.conversationId ?? null,
        sourceId: sourceId(),
        sourceIdChecked: !recheck,
      },
      deps.reactions,
    );
    if (received.duplicate)
      return { outcome: 'duplicate', conversationId: received.conversationId, messageId: received.message.id };
    await linkFiles(tx, received.message.id);
    await record(tx, 'customer', received.conversationId, received.message.id);
    if (received.created) await afterOpened?.(tx, received.conversationId);
    return done({
      outcome: received.created ? 'created' : 'continued',
      conversationId: received.conversationId,
      messageId: received.message.id,
      created: received.created,
      deskEvents: received.automation?.deskEvents,
    });
  };

  const events = (result: StoredEmail): DeskEvent[] => {
    // What the transaction's own steps announce (an escalation answered, automation rules that ran).
    const own = result.deskEvents ?? [];
    if (!result.conversationId || !result.messageId) return own;
    if (!['created', 'continued', 'auto_reply', 'bounce'].includes(result.outcome)) return own;
    const { clientId } = inbox;
    return [
      ...own,
      ...(result.created
        ? [{ type: 'conversation.created', clientId, conversationId: result.conversationId } as const]
        : []),
      {
        type: 'message.created',
        clientId,
        conversationId: result.conversationId,
        messageId: result.messageId,
        internal: false,
      } as const,
    ];
  };
  const batchable: BatchableEmail | null =
    email.class.bounce || email.class.autoReply || input.alsoInTransaction
      ? null
      : {
          inbox,
          email,
          sender,
          incoming,
          attachmentRows,
          contentHash,
          emailRecord: (c, m, reusedId) => emailRecord('customer', c, m, reusedId),
          afterOpened,
        };
  return { clientId: inbox.clientId, store, events, batchable };
}

async function queueAutoAck(
  tx: Tx,
  inbox: EmailInbox,
  options: { conversationId: string; sender: string; email: ParsedEmail; language: string },
) {
  const since = new Date(Date.now() - 3600_000);
  if ((await countRecentAutoAcks(tx, inbox.clientId, inbox.inboxId, options.sender, since)) >= autoAckPerSenderPerHour)
    return;
  const template =
    inbox.autoAck?.[options.language] ?? inbox.autoAck?.[inbox.clientLocale] ?? Object.values(inbox.autoAck ?? {})[0];
  if (!template) return;
  const context = await findReplyContext(tx, inbox.clientId, options.conversationId);
  const token = context ? ` ${ticketToken(inbox.ticketPrefix, context.number)}` : '';
  const fill = (text: string) =>
    text.replaceAll('{{subject}}', options.email.subject).replaceAll('{{client}}', inbox.clientName);
  await queueEmailDelivery(tx, {
    clientId: inbox.clientId,
    inboxId: inbox.inboxId,
    conversationId: options.conversationId,
    messageId: null,
    kind: 'auto_ack',
    from: { address: inbox.address, name: inbox.senderName },
    to: options.sender,
    subject: `${fill(template.subject)}${token}`,
    ...renderEmailBody(fill(template.body), inbox.signature || inbox.senderName),
    inReplyTo: options.email.rfcMessageId,
    references: [...options.email.references, options.email.rfcMessageId],
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function textWithQuote(latest: string, quoted: string): string {
  const block = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');
  return `<div>${block(latest)}</div><blockquote class="sb-quote">${block(quoted)}</blockquote>`;
}
