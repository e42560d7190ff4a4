import type { ConversationDetail } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { listSlaTargets } from '../sla/conversation-sla.js';
import { toConversationSummary, toMessages } from './conversation-dto.js';
import { findConversationRow, findOtherConversationsOfContact } from './conversation-repository.js';
import { iso, isoOrNull } from './cursor.js';
import { listMessages } from './message-repository.js';

/** The whole conversation for the desk: thread, customer, and the customer's other conversations. */
export async function getConversation(db: DbOrTx, scope: Scope, conversationId: string): Promise<ConversationDetail> {
  const row = await findConversationRow(db, readableClientIds(scope), conversationId);
  if (!row) throw notFound('Conversation');
  const [thread, others, inbox, slaTargets] = await Promise.all([
    listMessages(db, row.client_id, row.id),
    findOtherConversationsOfContact(db, row.client_id, row.contact_id, row.id),
    queryRows<{ id: string; name: string }>(
      db,
      sql`SELECT id, name FROM inboxes WHERE client_id = ${row.client_id} AND id = ${row.inbox_id}`,
    ),
    listSlaTargets(db, row.client_id, row.sla_clock, row.priority),
  ]);
  return {
    ...toConversationSummary(row),
    inbox: inbox[0]!,
    firstResponseAt: isoOrNull(row.first_response_at),
    resolvedAt: isoOrNull(row.resolved_at),
    slaTargets,
    messages: toMessages(thread.messages, thread.attachments),
    otherConversations: others.map((o) => ({
      id: o.id,
      number: o.number,
      subject: o.subject,
      status: o.status,
      channel: o.channel,
      lastMessageAt: iso(o.last_message_at),
    })),
  };
}
