import type { MessageRow } from '../conversations/index.js';

/**
 * What a message just committed in this process said, for a few seconds: the live channels (the chat
 * gateway) build their frame from it instead of reading the message back once per `message.created`.
 * Only committed messages go in (the writer adds them after its transaction), keyed by their unique id;
 * Messages with attachments are not remembered (their files are read with them). A reader still checks the client and falls back to the database when the message is not here (written
 * by another process, or expired).
 */
export type WrittenMessage = Pick<
  MessageRow,
  'id' | 'clientId' | 'conversationId' | 'kind' | 'authorType' | 'authorName' | 'bodyText' | 'createdAt'
>;

const keepMs = 5_000;
const written = new Map<string, WrittenMessage>();

export function rememberWritten(message: WrittenMessage): void {
  written.set(message.id, message);
  setTimeout(() => written.delete(message.id), keepMs).unref();
}

export function recallWritten(clientId: string, messageId: string): WrittenMessage | undefined {
  const message = written.get(messageId);
  return message?.clientId === clientId ? message : undefined;
}
