import { type Lookup, lookUp, type Tx } from '../db/index.js';
import {
  conversationsByRfcIds,
  findConversationsByNumber,
  findConversationsByThreadIndex,
  findRecentConversationsOfSenders,
} from './email-repository.js';
import { normaliseSubject, ticketNumberIn } from './normalise-subject.js';
import type { ParsedEmail } from './parse-email.js';

export type ThreadMatch = { conversationId: string; by: 'headers' | 'token' | 'thread-index' | 'subject' } | null;

export type ThreadQuestion = {
  clientId: string;
  inboxId: string;
  ticketPrefix: string;
  email: ParsedEmail;
  sender: string;
};

const fallbackWindowMs = 7 * 24 * 3600 * 1000;

/** Which conversation one incoming e-mail continues (see `findEmailThreads`). */
export async function findEmailThread(tx: Tx, question: ThreadQuestion): Promise<ThreadMatch> {
  return (await findEmailThreads(tx, [question]))[0]!;
}

/**
 * Which conversation each incoming e-mail continues, in the order of issue 3: In-Reply-To/References
 * against every Message-ID we stored or sent; the ticket token; Outlook's Thread-Index; then the same
 * customer's open conversation on the same subject within a week. Every step stays inside one client
 * and one customer: a reply from someone else to a shared newsletter opens its own conversation.
 * Each step is one query for all the e-mails still unmatched, so a batch costs at most four. A caller
 * may have run the first step already, with other lookups (`byHeaders`, from `threadsByHeaders`).
 */
export async function findEmailThreads(
  tx: Tx,
  questions: ThreadQuestion[],
  byHeaders?: Map<number, string>,
): Promise<ThreadMatch[]> {
  const matches: ThreadMatch[] = questions.map(() => null);
  const open = () => questions.map((q, i) => ({ ...q, i })).filter(({ i }) => matches[i] === null);
  const take = (found: Map<number, string>, by: NonNullable<ThreadMatch>['by']) => {
    for (const [i, conversationId] of found) matches[i] = { conversationId, by };
  };
  take(byHeaders ?? (await lookUp(tx, threadsByHeaders(questions))), 'headers');
  take(
    await findConversationsByNumber(
      tx,
      open().flatMap((q) => {
        const number = ticketNumberIn(q.email.subject, q.ticketPrefix);
        return number === null ? [] : [{ ...q, number }];
      }),
    ),
    'token',
  );
  take(
    await findConversationsByThreadIndex(
      tx,
      open().flatMap((q) => (q.email.threadIndexRoot ? [{ ...q, root: q.email.threadIndexRoot }] : [])),
    ),
    'thread-index',
  );
  // A reply with no usable headers: only then, and only with a real subject, guess by subject.
  const guessing = open()
    .map((q) => ({ ...q, key: normaliseSubject(q.email.subject) }))
    .filter(
      (q) =>
        q.key.length >= 4 &&
        (/^\s*(re|aw|sv|antw|رد|پاسخ)\s*:/i.test(q.email.subject) || headerIds(q.email).length > 0),
    );
  const since = new Date(Date.now() - fallbackWindowMs);
  const candidates = await findRecentConversationsOfSenders(
    tx,
    guessing.map((q) => ({ ...q, since })),
  );
  for (const q of guessing) {
    const same = candidates.get(q.i)?.find((c) => normaliseSubject(c.subject) === q.key);
    if (same) matches[q.i] = { conversationId: same.id, by: 'subject' };
  }
  return matches;
}

const headerIds = (email: ParsedEmail) => [
  ...new Set([...(email.inReplyTo ? [email.inReplyTo] : []), ...[...email.references].reverse()]),
];

/** The first step of `findEmailThreads`: by In-Reply-To and References, per question (by index). */
export function threadsByHeaders(questions: ThreadQuestion[]): Lookup<Map<number, string>> {
  return conversationsByRfcIds(questions.map((q, i) => ({ ...q, i, rfcIds: headerIds(q.email).slice(0, 50) })));
}
