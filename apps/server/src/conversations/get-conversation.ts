import type { ConversationDetail } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { toConversationSummary, toMessages } from './conversation-dto.js';
import { findConversationDetailRow } from './conversation-repository.js';
import { slaTargetsOf } from './conversation-sla.js';
import { iso, isoOrNull } from './cursor.js';
import { listMessages } from './message-repository.js';

/**
 * The whole conversation for the desk: thread, customer, and the customer's other conversations. Two
 * statements: the desk opens one on every click and on every event about the open one.
 */
export async function getConversation(db: DbOrTx, scope: Scope, conversationId: string): Promise<ConversationDetail> {
  const row = await findConversationDetailRow(db, readableClientIds(scope), conversationId);
  if (!row) throw notFound('Conversation');
  const thread = await listMessages(db, row.client_id, row.id);
  return {
    ...toConversationSummary(row),
    inbox: { id: row.inbox_id, name: row.inbox_name },
    firstResponseAt: isoOrNull(row.first_response_at),
    resolvedAt: isoOrNull(row.resolved_at),
    slaTargets: slaTargetsOf(row.sla_clock, row.sla_policy, row.priority),
    messages: toMessages(thread),
    otherConversations: row.others.map((o) => ({
      id: o.id,
      number: o.number,
      subject: o.subject,
      status: o.status,
      channel: o.channel,
      lastMessageAt: iso(o.last_message_at),
    })),
  };
}
