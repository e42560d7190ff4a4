import type { Tx } from '../db/index.js';
import type { Reactions } from './conversation-events.js';
import type { IncomingMessage, ReceivedMessage } from './incoming-message.js';
import { receiveIncomingMessages } from './receive-incoming-messages.js';

/**
 * One customer's message (a chat line, a call, an API message, one e-mail): a batch of one, through the
 * same statements as the SMTP group commit, so the two can never drift apart.
 */
export async function receiveIncomingMessage(
  tx: Tx,
  input: IncomingMessage,
  reactions: Reactions,
): Promise<ReceivedMessage> {
  const [received] = await receiveIncomingMessages(tx, [input], reactions);
  return received!;
}
