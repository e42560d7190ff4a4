import type { ConversationSummary, Message } from '@switchboard/contracts';
import type { ConversationRow } from './conversation-repository.js';
import { slaSummaryOf } from './conversation-sla.js';
import { iso, isoOrNull } from './cursor.js';
import type { MessageRow, ThreadMessageRow } from './message-repository.js';

export function toConversationSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    number: row.number,
    client: { id: row.client_id, name: row.client_name, slug: row.client_slug },
    channel: row.channel,
    subject: row.subject,
    contact: { id: row.contact_id, name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    status: row.status,
    priority: row.priority,
    tier: row.tier,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    flags: row.flags,
    tags: row.tags,
    waitingSince: isoOrNull(row.waiting_since),
    lastMessageAt: iso(row.last_message_at),
    preview: row.preview,
    createdAt: iso(row.created_at),
    sla: slaSummaryOf(row.sla_clock),
  };
}

export function toMessages(rows: ThreadMessageRow[]): Message[] {
  return rows.map((m) => ({
    id: m.id,
    conversationId: m.conversation_id,
    kind: m.kind,
    author: { type: m.author_type, id: m.author_id, name: m.author_name },
    bodyText: m.body_text,
    bodyHtml: m.body_html,
    visibleToClient: m.kind !== 'note' || m.visible_to_client,
    activity: m.activity ?? null,
    attachments: m.attachments,
    createdAt: iso(m.created_at),
  }));
}

/** A message just written: no attachments yet. */
export function toNewMessage(m: MessageRow): Message {
  const row: ThreadMessageRow = {
    id: m.id,
    conversation_id: m.conversationId,
    kind: m.kind,
    author_type: m.authorType,
    author_id: m.authorId,
    author_name: m.authorName,
    body_text: m.bodyText,
    body_html: m.bodyHtml,
    visible_to_client: m.visibleToClient,
    activity: m.activity ?? null,
    created_at: m.createdAt,
    attachments: [],
  };
  return toMessages([row])[0]!;
}
