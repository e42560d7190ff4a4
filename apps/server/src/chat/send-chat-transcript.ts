import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import { type ChatInbox, findVisitor, listVisitorMessages } from './chat-repository.js';
import type { Visitor } from './identify-visitor.js';
import { queueChatEmail } from './queue-chat-email.js';

const words = {
  en: { subject: (client: string) => `Your chat with ${client}`, you: 'You' },
  fa: { subject: (client: string) => `گفت‌وگوی شما با ${client}`, you: 'شما' },
};

/**
 * The visitor asked for the chat by e-mail: every message of their own chats, with time and author. It
 * goes from the client's own address, so only to an address the visitor is known by (M3): the one their
 * chat began with, or a verified user's address on file; `allowed` counts it against the limits.
 */
export async function sendChatTranscript(
  db: Db,
  input: { inbox: ChatInbox; visitor: Visitor; to: string; locale: 'en' | 'fa'; allowed: (to: string) => boolean },
): Promise<void> {
  const { inbox, visitor } = input;
  const to = input.to.toLowerCase();
  const w = words[input.locale];
  await db.transaction(async (tx) => {
    const known = await findVisitor(tx, inbox.clientId, inbox.id, visitor.sourceId);
    if (!known?.conversationId) throw new AppError('CHAT_NOT_STARTED', 'There is no chat to send yet.');
    const addresses = [known.claimedEmail, visitor.verifiedUserId ? known.email : null];
    if (!addresses.some((address) => address?.toLowerCase() === to))
      throw new AppError(
        'TRANSCRIPT_ADDRESS_FIXED',
        'A transcript goes only to the e-mail address this chat began with.',
      );
    if (!input.allowed(to)) throw new AppError('RATE_LIMITED', 'Too many transcripts; try again later.');
    const history = await listVisitorMessages(tx, inbox.clientId, inbox.id, visitor.sourceId);
    const lines = history.map((m) => {
      const who = m.from === 'visitor' ? w.you : m.name;
      const files = m.attachments.map((a) => `  [${a.name}]`).join('\n');
      return `[${m.at.slice(0, 16).replace('T', ' ')} UTC] ${who}:\n${m.body}${files ? `\n${files}` : ''}`;
    });
    const queued = await queueChatEmail(tx, {
      clientId: inbox.clientId,
      conversationId: known.conversationId,
      messageId: null,
      to,
      subject: w.subject(inbox.clientName),
      body: lines.join('\n\n'),
    });
    if (!queued) throw new AppError('NO_SENDING_ADDRESS', 'This business has no e-mail address to send from.');
  });
}
