import { type Reactions, receiveIncomingMessages } from '../conversations/index.js';
import { lookUp, lookUpTogether, type Tx } from '../db/index.js';
import type { EmailAnswers } from './email-answers.js';
import { emailMessagesByRfcIds, emailRowsInserts, type KnownEmail } from './email-repository.js';
import { findEmailThreads, type ThreadQuestion, threadsByHeaders } from './find-email-thread.js';
import { reusedMessageSourceId } from './fingerprint-email-content.js';
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
export async function storeEmailBatch(
  tx: Tx,
  batch: PreparedEmail[],
  { reactions, answers }: { reactions: Reactions; answers: EmailAnswers },
): Promise<Stored[]> {
  const results: Stored[] = new Array(batch.length);
  let waiting: Item[] = [];
  const alone: Item[] = [];
  for (const [i, prepared] of batch.entries()) (prepared.batchable ? waiting : alone).push({ prepared, i });
  // One round trip for the first lookups of all of them (see lookUpFirst). Later rounds look again: they
  // must see what the earlier ones wrote.
  let prefetched = waiting.length > 0 ? await lookUpFirst(tx, waiting, answers) : undefined;
  // A client user's reply to an escalation is the client's answer, never a customer message: one by one.
  alone.push(...waiting.filter((item) => prefetched?.get(item)?.escalation));
  waiting = waiting.filter((item) => !prefetched?.get(item)?.escalation);
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
    await storeRound(tx, round, results, prefetched, reactions);
    prefetched = undefined;
    waiting = later;
  }
  for (const { prepared, i } of alone) results[i] = await prepared.store(tx);
  return results;
}

type Prefetched = Map<Item, { escalation: boolean; known: KnownEmail | undefined; byHeaders: string | undefined }>;

/**
 * Per e-mail, in ONE statement: whether it may answer an escalation, whether it is already stored, and the
 * conversation its headers continue.
 */
async function lookUpFirst(tx: Tx, items: Item[], answers: EmailAnswers): Promise<Prefetched> {
  const [escalation, known, byHeaders] = await lookUpTogether<
    [boolean[], Map<number, KnownEmail>, Map<number, string>]
  >(tx, [
    answers.possible(
      items.map(({ prepared }) => {
        const { inbox, email } = prepared.batchable!;
        return {
          clientId: inbox.clientId,
          subject: email.subject,
          inReplyTo: email.inReplyTo,
          references: email.references,
        };
      }),
    ),
    knownEmails(items),
    threadsByHeaders(items.map(threadQuestion)),
  ]);
  return new Map(
    items.map((item, n) => [item, { escalation: escalation[n]!, known: known.get(n), byHeaders: byHeaders.get(n) }]),
  );
}

/** By position in `items`, what `pick` finds for each (those with nothing left out). */
function byPosition<T>(items: Item[], pick: (item: Item) => T | undefined): Map<number, T> {
  const found = new Map<number, T>();
  for (const [n, item] of items.entries()) {
    const value = pick(item);
    if (value !== undefined) found.set(n, value);
  }
  return found;
}

const knownEmails = (items: Item[]) =>
  emailMessagesByRfcIds(
    items.map(({ prepared }, n) => ({
      i: n,
      clientId: prepared.clientId,
      rfcId: prepared.batchable!.email.rfcMessageId,
      contentHash: prepared.batchable!.contentHash,
    })),
  );

const threadQuestion = ({ prepared }: Item): ThreadQuestion => {
  const { inbox, email, sender } = prepared.batchable!;
  return { clientId: inbox.clientId, inboxId: inbox.inboxId, ticketPrefix: inbox.ticketPrefix, email, sender };
};

/** One round; the first takes what the batch's first lookups found (`prefetched`) instead of asking again. */
async function storeRound(
  tx: Tx,
  round: Item[],
  results: Stored[],
  prefetched: Prefetched | undefined,
  reactions: Reactions,
) {
  const known = prefetched
    ? byPosition(round, (item) => prefetched.get(item)?.known)
    : await lookUp(tx, knownEmails(round));
  const fresh: Item[] = [];
  // Their Message-ID came before with other content: stored all the same, marked.
  const reused = new Set<Item>();
  for (const [n, item] of round.entries()) {
    const found = known.get(n);
    if (found && !found.sameContent) reused.add(item);
    if (!found?.sameContent) fresh.push(item);
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
    fresh.map((item, n) => {
      const { incoming, email, contentHash } = item.prepared.batchable!;
      return {
        ...incoming,
        sourceId: reused.has(item) ? reusedMessageSourceId(email.rfcMessageId, contentHash) : incoming.sourceId,
        conversationId: threads[n]?.conversationId ?? null,
      };
    }),
    reactions,
    {
      alsoWrite: (written) =>
        emailRowsInserts({
          emails: fresh.map((item, n) =>
            item.prepared.batchable!.emailRecord(written[n]!.conversationId, written[n]!.messageId, reused.has(item)),
          ),
          attachments: fresh.flatMap(({ prepared }, n) => prepared.batchable!.attachmentRows(written[n]!.messageId)),
        }),
    },
  );
  for (const [n, { prepared, i }] of fresh.entries()) {
    const { conversationId, message, created, automation } = received[n]!;
    if (created) await prepared.batchable!.afterOpened?.(tx, conversationId);
    results[i] = {
      outcome: created ? 'created' : 'continued',
      conversationId,
      messageId: message.id,
      created,
      deskEvents: automation?.deskEvents,
    };
  }
}
