import { AppError } from '../platform/errors.js';
import { openSecret } from '../platform/secrets/index.js';
import { findEmailInboxByKey, findWebhookReceipt, recordWebhookReceipt } from './email-repository.js';
import { parseEmail } from './parse-email.js';
import { type ReceivedEmail, type ReceiveEmailDeps, receiveEmail } from './receive-email.js';
import { verifyWebhookSignature } from './verify-webhook-signature.js';

/** Standard Webhooks' tolerance is five minutes either way, so a signed request is valid for ten. */
const replayWindowMs = 2 * 5 * 60 * 1000;

/**
 * A provider pushes one raw MIME message for an inbox, signed Standard Webhooks style with the inbox's
 * secret over its id, timestamp and body. A wrong key, a bad signature, a stale timestamp and a changed
 * body answer alike, so the endpoint tells an outsider nothing about which inboxes exist. A `webhook-id`
 * accepted within the window is a duplicate; it is recorded in the transaction that stores the e-mail.
 */
export async function receiveWebhookEmail(
  deps: ReceiveEmailDeps,
  options: { inboxKey: string; headers: Record<string, string | string[] | undefined>; raw: Buffer },
): Promise<ReceivedEmail> {
  const inbox = await findEmailInboxByKey(deps.db, options.inboxKey);
  const webhookId =
    inbox?.webhookSecret && verifyWebhookSignature(openSecret(inbox.webhookSecret), options.raw, options.headers);
  if (!inbox || !webhookId) throw new AppError('UNAUTHENTICATED', 'Unknown inbox or bad signature.');
  const now = Date.now();
  const duplicate = async (): Promise<ReceivedEmail | null> => {
    const seen = await findWebhookReceipt(deps.db, inbox, webhookId, new Date(now - replayWindowMs));
    return seen ? { outcome: 'duplicate', conversationId: seen.conversationId, messageId: null } : null;
  };
  const seen = await duplicate();
  if (seen) return seen;
  if (options.raw.length === 0) throw new AppError('EMAIL_BODY_EMPTY', 'The body must be a raw MIME message.');
  let parsed: Awaited<ReturnType<typeof parseEmail>>;
  try {
    parsed = await parseEmail(options.raw, null);
  } catch {
    throw new AppError('EMAIL_UNPARSEABLE', 'The message could not be parsed.');
  }
  try {
    return await receiveEmail(deps, {
      raw: options.raw,
      inbox,
      via: 'webhook',
      parsed,
      alsoInTransaction: async (tx, stored) => {
        const first = await recordWebhookReceipt(
          tx,
          {
            clientId: inbox.clientId,
            inboxId: inbox.inboxId,
            webhookId,
            conversationId: stored.conversationId,
            receivedAt: new Date(now),
          },
          new Date(now - replayWindowMs),
        );
        // The same delivery, sent twice at once, was stored by the other request: undo this one.
        if (!first) throw new ConcurrentDelivery();
      },
    });
  } catch (error) {
    if (error instanceof ConcurrentDelivery) {
      const other = await duplicate();
      if (other) return other;
    }
    throw error;
  }
}

class ConcurrentDelivery extends Error {}
