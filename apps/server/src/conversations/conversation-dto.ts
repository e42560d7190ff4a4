import type { ConversationSummary, Message } from '@switchboard/contracts';
import { slaSummaryOf } from '../sla/conversation-sla.js';
import type { ConversationRow } from './conversation-repository.js';
import { iso, isoOrNull } from './cursor.js';
import type { AttachmentRow, MessageRow } from './message-repository.js';

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

export function toMessages(rows: MessageRow[], files: AttachmentRow[]): Message[] {
  return rows.map((m) => ({
    id: m.id,
    conversationId: m.conversationId,
    kind: m.kind,
    author: { type: m.authorType, id: m.authorId, name: m.authorName },
    bodyText: m.bodyText,
    bodyHtml: m.bodyHtml,
    visibleToClient: m.kind !== 'note' || m.visibleToClient,
    activity: m.activity ?? null,
    attachments: files
      .filter((f) => f.messageId === m.id)
      .map((f) => ({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.size })),
    createdAt: m.createdAt.toISOString(),
  }));
}
