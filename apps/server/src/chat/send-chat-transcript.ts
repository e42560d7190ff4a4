import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import { type ChatInbox, findVisitor, listVisitorMessages } from './chat-repository.js';
import { queueChatEmail } from './queue-chat-email.js';

const words = {
  en: { subject: (client: string) => `Your chat with ${client}`, you: 'You' },
  fa: { subject: (client: string) => `گفت‌وگوی شما با ${client}`, you: 'شما' },
};

/** The visitor asked for the chat by e-mail: every message they can see, with time and author. */
export async function sendChatTranscript(
  db: Db,
  input: { inbox: ChatInbox; visitorSourceId: string; to: string; locale: 'en' | 'fa' },
): Promise<void> {
  const { inbox } = input;
  const w = words[input.locale];
  await db.transaction(async (tx) => {
    const visitor = await findVisitor(tx, inbox.clientId, inbox.id, input.visitorSourceId);
    if (!visitor?.conversationId) throw new AppError('BAD_REQUEST', 'There is no chat to send yet.');
    const history = await listVisitorMessages(tx, inbox.clientId, inbox.id, visitor.contactId);
    const lines = history.map((m) => {
      const who = m.from === 'visitor' ? w.you : m.name;
      const files = m.attachments.map((a) => `  [${a.name}]`).join('\n');
      return `[${m.at.slice(0, 16).replace('T', ' ')} UTC] ${who}:\n${m.body}${files ? `\n${files}` : ''}`;
    });
    const queued = await queueChatEmail(tx, {
      clientId: inbox.clientId,
      conversationId: visitor.conversationId,
      messageId: null,
      to: input.to,
      subject: w.subject(inbox.clientName),
      body: lines.join('\n\n'),
    });
    if (!queued) throw new AppError('CONFLICT', 'This business has no e-mail address to send from.');
  });
}
