import { receiveIncomingMessages } from '../conversations/index.js';
import { lookUp, lookUpTogether, type Tx } from '../db/index.js';
import { possibleEscalationReplies } from '../escalation/receive-escalation-reply.js';
import { emailMessagesByRfcIds, emailRowsInserts, type KnownEmail } from './email-repository.js';
import { findEmailThreads, type ThreadQuestion, threadsByHeaders } from './find-email-thread.js';
import type { PreparedEmail } from './receive-email.js';

type Stored = Awaited<ReturnType<PreparedEmail['store']>>;
type Item = { prepared: PreparedEmail; i: number };

/**
 * Stores a batch of prepared e-mails inside the caller's transaction, in a few statements whatever the
 * batch's size: one for the first lookups (escalation answers, duplicates, threads by headers), up to
 * three more threading lookups, one writing contacts, conversations, messages and the e-mail records with
 * their attachments, then the SLA and the rules. A round never holds two e-mails of one client's
 * sender or with one Message-ID, since either could depend on the other (a
 * contact to create, a conversation to continue, a duplicate to recognise); those wait for the next
 * round, which sees what the first wrote. Bounces, auto-replies and possible replies to an escalation take
 * their own path one by one.
 */
export async function storeEmailBatch(tx: Tx, batch: PreparedEmail[]): Promise<Stored[]> {
  const results: Stored[] = new Array(batch.length);
  let waiting: Item[] = [];
  const alone: Item[] = [];
  for (const [i, prepared] of batch.entries()) (prepared.batchable ? waiting : alone).push({ prepared, i });
  // One round trip for the first lookups of all of them: which may answer an escalation (a client user's
  // reply to one is the client's answer, never a customer message: those go one by one), which are already
  // stored, and which continue a conversation by their headers. Later rounds look again (they must see
  // what the earlier ones wrote).
  if (waiting.length === 0) {
    for (const { prepared, i } of alone) results[i] = await prepared.store(tx);
    return results;
  }
  const [escalationReplies, known, byHeaders] = await lookUpTogether<
    [boolean[], Map<number, KnownEmail>, Map<number, string>]
  >(tx, [
    possibleEscalationReplies(
      waiting.map(({ prepared }) => {
        const { inbox, email } = prepared.batchable!;
        return {
          clientId: inbox.clientId,
          subject: email.subject,
          inReplyTo: email.inReplyTo,
          references: email.references,
        };
      }),
    ),
    knownEmails(waiting),
    threadsByHeaders(waiting.map(threadQuestion)),
  ]);
  const first = new Map(waiting.map((item, w) => [item, { known: known.get(w), byHeaders: byHeaders.get(w) }]));
  alone.push(...waiting.filter((_, n) => escalationReplies[n]));
  waiting = waiting.filter((_, n) => !escalationReplies[n]);
  let prefetched: typeof first | undefined = first;
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
    await storeRound(tx, round, results, prefetched);
    prefetched = undefined;
    waiting = later;
  }
  for (const { prepared, i } of alone) results[i] = await prepared.store(tx);
  return results;
}

type Prefetched = Map<Item, { known: KnownEmail | undefined; byHeaders: string | undefined }>;

const knownEmails = (items: Item[]) =>
  emailMessagesByRfcIds(
    items.map(({ prepared }, n) => ({
      i: n,
      clientId: prepared.clientId,
      rfcId: prepared.batchable!.email.rfcMessageId,
    })),
  );

const threadQuestion = ({ prepared }: Item): ThreadQuestion => {
  const { inbox, email, sender } = prepared.batchable!;
  return { clientId: inbox.clientId, inboxId: inbox.inboxId, ticketPrefix: inbox.ticketPrefix, email, sender };
};

/** One round; the first takes what the batch's first lookups found (`prefetched`) instead of asking again. */
async function storeRound(tx: Tx, round: Item[], results: Stored[], prefetched?: Prefetched) {
  const known = prefetched
    ? new Map(round.flatMap((item, n) => (prefetched.get(item)?.known ? [[n, prefetched.get(item)!.known!]] : [])))
    : await lookUp(tx, knownEmails(round));
  const fresh: Item[] = [];
  for (const [n, item] of round.entries()) {
    const found = known.get(n);
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
    fresh.map(threadQuestion),
    prefetched &&
      new Map(
        fresh.flatMap((item, n) => (prefetched.get(item)?.byHeaders ? [[n, prefetched.get(item)!.byHeaders!]] : [])),
      ),
  );
  // The e-mail records and attachments go in the statement that writes the messages.
  const received = await receiveIncomingMessages(
    tx,
    fresh.map(({ prepared }, n) => ({
      ...prepared.batchable!.incoming,
      conversationId: threads[n]?.conversationId ?? null,
    })),
    {
      alsoWrite: (written) =>
        emailRowsInserts({
          emails: fresh.map(({ prepared }, n) =>
            prepared.batchable!.emailRecord(written[n]!.conversationId, written[n]!.messageId),
          ),
          attachments: fresh.flatMap(({ prepared }, n) => prepared.batchable!.attachmentRows(written[n]!.messageId)),
        }),
    },
  );
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
