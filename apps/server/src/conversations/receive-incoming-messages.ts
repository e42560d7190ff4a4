import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../db/index.js';
import type { Reactions } from './conversation-events.js';
import type { IncomingMessage, ReceivedMessage } from './incoming-message.js';
import { findMessagesBySourceId, type IncomingRow, writeIncomingMessages } from './incoming-message-repository.js';
import { keepSla } from './keep-sla.js';
import { languageOfText } from './message-language.js';
import type { MessageRow } from './message-repository.js';

/**
 * Every channel's way in, for one message (a chat line, a call) or many customers' at once (the SMTP group
 * commit): each becomes part of a conversation, in a handful of statements whatever their number. Runs inside
 * the caller's transaction, so the channel can commit its own records (a raw e-mail, a chat ack) with it.
 * A redelivery (its `sourceId` stored before) answers the stored message. Otherwise, in one statement,
 * each customer is found or created, new conversations are numbered and opened with their audit records,
 * continued ones reopened, and the messages written; then each one's SLA clock starts or runs again and
 * the subscribers react (`conversation.created` for the first message, `message.received` after: the client's
 * rules), except for a call the agency placed.
 * The caller guarantees what makes that safe: no two inputs share a client and sender or a `sourceId` (so
 * none can create a contact or conversation another one needs); the unique index still refuses a racing
 * duplicate, failing the whole call.
 */
export async function receiveIncomingMessages(
  tx: Tx,
  inputs: IncomingMessage[],
  reactions: Reactions,
  options: {
    /**
     * The channel's own rows of these messages (e-mail records, attachments), written by the same statement:
     * INSERTs given the conversation and message of each input, in input order (so every `sourceId` must
     * have been checked by the caller: a redelivery would have no row here).
     */
    alsoWrite?: (written: { conversationId: string; messageId: string }[]) => SQL[];
  } = {},
): Promise<ReceivedMessage[]> {
  if (inputs.length === 0) return [];
  const unchecked = inputs.filter((input) => input.sourceId && !input.sourceIdChecked);
  if (options.alsoWrite && unchecked.length > 0) throw new Error('alsoWrite needs every sourceId checked');
  const stored = await findMessagesBySourceId(
    tx,
    unchecked.map((input) => ({ clientId: input.clientId, sourceId: input.sourceId! })),
  );
  const storedBy = new Map(stored.map((m) => [`${m.clientId} ${m.sourceId}`, m]));
  const results: (ReceivedMessage | undefined)[] = inputs.map((input) => {
    const existing =
      input.sourceId && !input.sourceIdChecked ? storedBy.get(`${input.clientId} ${input.sourceId}`) : undefined;
    return existing && redelivered(existing);
  });
  const rows: (IncomingRow & { n: number })[] = inputs.flatMap((input, n) =>
    results[n]
      ? []
      : [
          {
            n,
            input,
            at: (input.receivedAt ?? new Date()).toISOString(),
            conversationId: input.conversationId ?? randomUUID(),
            created: !input.conversationId,
            messageId: randomUUID(),
            language: input.language ?? languageOfText(input.bodyText),
          },
        ],
  );
  if (rows.length === 0) return results as ReceivedMessage[];
  const written = await writeIncomingMessages(tx, rows, options.alsoWrite?.(rows) ?? []);
  // The SLA clocks start or run again and the client's rules run; the statement that wrote the conversations
  // returned (and locked) what their clocks need. A call the agency placed owes nobody an answer.
  const answered = rows.filter((r) => !r.input.placedBy);
  await keepSla(
    tx,
    reactions,
    answered.map((r) => ({
      clientId: r.input.clientId,
      conversationId: r.conversationId,
      change: { type: r.created ? 'created' : 'incoming', at: new Date(r.at) },
    })),
    { written: written.slaRows },
  );
  const automation = await reactions.reactEach(
    tx,
    answered.map((r) => ({
      type: r.created ? 'conversation.created' : 'message.received',
      clientId: r.input.clientId,
      conversationId: r.conversationId,
      messageId: r.messageId,
    })),
  );
  const ranFor = new Map(answered.map((row, k) => [row, automation[k]!]));
  for (const [k, row] of rows.entries()) {
    results[row.n] = {
      message: messageOf(row, written.contactIds[k]!),
      conversationId: row.conversationId,
      contactId: written.contactIds[k]!,
      created: row.created,
      duplicate: false,
      automation: ranFor.get(row) ?? null,
    };
  }
  return results as ReceivedMessage[];
}

const redelivered = (existing: MessageRow): ReceivedMessage => ({
  message: existing,
  conversationId: existing.conversationId,
  contactId: existing.authorType === 'contact' ? existing.authorId! : null,
  created: false,
  duplicate: true,
  automation: null,
});

/** The stored message as the statement wrote it (no second read). */
function messageOf(row: IncomingRow, contactId: string): MessageRow {
  const { input } = row;
  const placedBy = input.placedBy;
  return {
    id: row.messageId,
    clientId: input.clientId,
    conversationId: row.conversationId,
    kind: placedBy ? 'outgoing' : 'incoming',
    authorType: placedBy ? 'agent' : 'contact',
    authorId: placedBy ? placedBy.agentId : contactId,
    authorName: placedBy ? placedBy.agentName : input.sender.name,
    bodyText: input.bodyText,
    bodyHtml: input.bodyHtml ?? null,
    visibleToClient: true,
    activity: input.activity ?? null,
    sourceId: input.sourceId ?? null,
    language: row.language,
    createdAt: new Date(row.at),
  };
}
