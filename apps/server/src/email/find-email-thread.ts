import type { Tx } from '../db/index.js';
import {
  findConversationByNumber,
  findConversationByRfcIds,
  findConversationByThreadIndex,
  findRecentConversationBySubject,
} from './email-repository.js';
import { normaliseSubject, ticketNumberIn } from './normalise-subject.js';
import type { ParsedEmail } from './parse-email.js';

export type ThreadMatch = { conversationId: string; by: 'headers' | 'token' | 'thread-index' | 'subject' } | null;

const fallbackWindowMs = 7 * 24 * 3600 * 1000;

/**
 * Which conversation an incoming e-mail continues, in the order of issue 3: In-Reply-To/References
 * against every Message-ID we stored or sent; the ticket token; Outlook's Thread-Index; then the same
 * customer's open conversation on the same subject within a week. Every step stays inside one client
 * and one customer: a reply from someone else to a shared newsletter opens its own conversation.
 */
export async function findEmailThread(
  tx: Tx,
  options: { clientId: string; inboxId: string; ticketPrefix: string; email: ParsedEmail; sender: string },
): Promise<ThreadMatch> {
  const { clientId, email, sender } = options;
  const headerIds = [...(email.inReplyTo ? [email.inReplyTo] : []), ...[...email.references].reverse()];
  const byHeaders = await findConversationByRfcIds(tx, clientId, [...new Set(headerIds)].slice(0, 50), sender);
  if (byHeaders) return { conversationId: byHeaders, by: 'headers' };
  const number = ticketNumberIn(email.subject, options.ticketPrefix);
  if (number !== null) {
    const byToken = await findConversationByNumber(tx, clientId, number, sender);
    if (byToken) return { conversationId: byToken, by: 'token' };
  }
  if (email.threadIndexRoot) {
    const byIndex = await findConversationByThreadIndex(tx, clientId, email.threadIndexRoot, sender);
    if (byIndex) return { conversationId: byIndex, by: 'thread-index' };
  }
  const key = normaliseSubject(email.subject);
  // A reply with no usable headers: only then, and only with a real subject, guess by subject.
  const looksLikeReply = /^\s*(re|aw|sv|antw|رد|پاسخ)\s*:/i.test(email.subject) || headerIds.length > 0;
  if (key.length < 4 || !looksLikeReply) return null;
  const candidates = await findRecentConversationBySubject(tx, {
    clientId,
    inboxId: options.inboxId,
    sender,
    subjectKey: key,
    since: new Date(Date.now() - fallbackWindowMs),
  });
  const same = candidates.find((c) => normaliseSubject(c.subject) === key);
  return same ? { conversationId: same.id, by: 'subject' } : null;
}
