import { receiveIncomingMessages } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { findPossibleEscalationReplies } from '../escalation/receive-escalation-reply.js';
import { findEmailMessagesByRfcIds, insertEmailRows } from './email-repository.js';
import { findEmailThreads } from './find-email-thread.js';
import type { PreparedEmail } from './receive-email.js';

type Stored = Awaited<ReturnType<PreparedEmail['store']>>;
type Item = { prepared: PreparedEmail; i: number };

/**
 * Stores a batch of prepared e-mails inside the caller's transaction, in a few statements per round
 * whatever the batch's size: one duplicate lookup, up to four threading lookups, then contacts,
 * conversations, messages, and the e-mail records with their attachments one statement each. A round never holds two
 * e-mails of one client's sender or with one Message-ID, since either could depend on the other (a
 * contact to create, a conversation to continue, a duplicate to recognise); those wait for the next
 * round, which sees what the first wrote. Bounces, auto-replies and possible replies to an escalation take
 * their own path one by one.
 */
export async function storeEmailBatch(tx: Tx, batch: PreparedEmail[]): Promise<Stored[]> {
  const results: Stored[] = new Array(batch.length);
  let waiting: Item[] = [];
  const alone: Item[] = [];
  for (const [i, prepared] of batch.entries()) (prepared.batchable ? waiting : alone).push({ prepared, i });
  // A client user's reply to an escalation is the client's answer, never a customer message: one by one.
  const escalationReplies = await findPossibleEscalationReplies(
    tx,
    waiting.map(({ prepared }) => {
      const { inbox, email } = prepared.batchable!;
      return {
        clientId: inbox.clientId,
        subject: email.subject,
        inReplyTo: email.inReplyTo,
        references: email.references,
      };
    }),
  );
  alone.push(...waiting.filter((_, n) => escalationReplies[n]));
  waiting = waiting.filter((_, n) => !escalationReplies[n]);
  while (waiting.length > 0) {
    const round: Item[] = [];
    const later: Item[] = [];
    const taken = new Set<string>();
    for (const item of waiting) {
      const { inbox, sender, email } = item.prepared.batchable!;
      const keys = [`${inbox.clientId} from ${sender}`, `${inbox.clientId} id ${email.rfcMessageId}`];
      if (keys.some((key) => taken.has(key))) later.push(item);
      else {
        for (const key of keys) taken.add(key);
        round.push(item);
      }
    }
    await storeRound(tx, round, results);
    waiting = later;
  }
  for (const { prepared, i } of alone) results[i] = await prepared.store(tx);
  return results;
}

async function storeRound(tx: Tx, round: Item[], results: Stored[]) {
  const known = await findEmailMessagesByRfcIds(
    tx,
    round.map(({ prepared, i }) => ({
      i,
      clientId: prepared.clientId,
      rfcId: prepared.batchable!.email.rfcMessageId,
    })),
  );
  const fresh: Item[] = [];
  for (const item of round) {
    const found = known.get(item.i);
    if (!found) fresh.push(item);
    else
      results[item.i] = {
        outcome: found.direction === 'out' ? 'loop' : 'duplicate',
        conversationId: found.conversationId,
        messageId: found.messageId,
      };
  }
  if (fresh.length === 0) return;
  const threads = await findEmailThreads(
    tx,
    fresh.map(({ prepared }) => {
      const { inbox, email, sender } = prepared.batchable!;
      return { clientId: inbox.clientId, inboxId: inbox.inboxId, ticketPrefix: inbox.ticketPrefix, email, sender };
    }),
  );
  const received = await receiveIncomingMessages(
    tx,
    fresh.map(({ prepared }, n) => ({
      ...prepared.batchable!.incoming,
      conversationId: threads[n]?.conversationId ?? null,
    })),
  );
  await insertEmailRows(tx, {
    emails: fresh.map(({ prepared }, n) =>
      prepared.batchable!.emailRecord(received[n]!.conversationId, received[n]!.messageId),
    ),
    attachments: fresh.flatMap(({ prepared }, n) => prepared.batchable!.attachmentRows(received[n]!.messageId)),
  });
  for (const [n, { prepared, i }] of fresh.entries()) {
    const { conversationId, messageId, created, automation } = received[n]!;
    if (created) await prepared.batchable!.afterOpened?.(tx, conversationId);
    results[i] = {
      outcome: created ? 'created' : 'continued',
      conversationId,
      messageId,
      created,
      deskEvents: automation.deskEvents,
    };
  }
}
