import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { moveLastActivity } from './conversation-state-repository.js';
import { languageOfText } from './message-language.js';
import { insertAttachments, insertMessages } from './message-repository.js';
import type { StoredAttachment } from './post-message.js';

/** One line on a conversation's timeline written by another slice: an activity (call ended, reminded) or a note. */
export type TimelineEntry = {
  clientId: string;
  conversationId: string;
  kind: 'activity' | 'note';
  author: { type: 'agent' | 'client_user' | 'system'; id?: string | null; name: string };
  text: string;
  /** What happened, structured (the desk and the portal render it in the reader's language). */
  activity?: Record<string, unknown> | null;
  /** Whether the client sees it in the portal (default: yes, like every contact with their customer). */
  visibleToClient?: boolean;
  /** When it happened; by default the moment it is written (`clock_timestamp()`, so one transaction's entries keep their order). */
  at?: Date;
  /** A contact with the customer (a call's line) moves the conversation's last activity; a note about it does not. */
  movesConversation?: boolean;
  /** Files already in storage that the entry carries. */
  attachments?: readonly StoredAttachment[];
};

export type AppendedEntry = { id: string; createdAt: Date; attachmentIds: string[] };

/**
 * Writes timeline entries in the caller's transaction: the conversations they move first, so each message's
 * time and words reach the search document in one write (migration 0011's triggers), then the messages in one
 * statement, then their files. Returns the entries in order and the desk events to publish after commit.
 */
export async function appendTimelineEntries(
  db: DbOrTx,
  entries: readonly TimelineEntry[],
): Promise<{ entries: AppendedEntry[]; deskEvents: DeskEvent[] }> {
  if (entries.length === 0) return { entries: [], deskEvents: [] };
  const dated = entries.map((entry) => ({ ...entry, at: entry.at ?? (entry.movesConversation ? new Date() : null) }));
  for (const entry of dated)
    if (entry.movesConversation) await moveLastActivity(db, entry.clientId, entry.conversationId, entry.at!);
  const rows = await insertMessages(
    db,
    dated.map((entry) => ({
      clientId: entry.clientId,
      conversationId: entry.conversationId,
      kind: entry.kind,
      authorType: entry.author.type,
      authorId: entry.author.id ?? null,
      authorName: entry.author.name,
      bodyText: entry.text,
      visibleToClient: entry.visibleToClient ?? true,
      activity: entry.activity ?? null,
      language: languageOfText(entry.text),
      createdAt: entry.at ?? sql`clock_timestamp()`,
    })),
  );
  const appended: AppendedEntry[] = [];
  for (const [index, entry] of dated.entries()) {
    const row = rows[index]!;
    const files = entry.attachments ?? [];
    const attachmentIds = files.length
      ? await insertAttachments(
          db,
          files.map((file) => ({ ...file, clientId: entry.clientId, messageId: row.id })),
        )
      : [];
    appended.push({ id: row.id, createdAt: row.createdAt, attachmentIds });
  }
  const deskEvents: DeskEvent[] = dated.map((entry, index) => ({
    type: 'message.created',
    clientId: entry.clientId,
    conversationId: entry.conversationId,
    messageId: rows[index]!.id,
    internal: !(entry.visibleToClient ?? true),
  }));
  return { entries: appended, deskEvents };
}
