import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks as the library reads it (headers, the 5-minute tolerance either way, several
 * signatures, a timing-safe comparison), with the HMAC computed by Node's crypto: the library's
 * JavaScript SHA-256 holds the event loop for about 250 ms over a 25 MB body, before the sender is known.
 */
class NativeHmacWebhook extends Webhook {
  readonly #key: Buffer;

  constructor(secret: string) {
    super(secret);
    this.#key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  }

  override sign(msgId: string, timestamp: Date, payload: string | Uint8Array): string {
    const signed = createHmac('sha256', this.#key)
      .update(`${msgId}.${Math.floor(timestamp.getTime() / 1000)}.`)
      .update(payload)
      .digest('base64');
    return `v1,${signed}`;
  }
}

/** Longer ids are refused: a provider's ids are short (`msg_…`), and each is kept for the replay check. */
const maxWebhookIdLength = 200;

/**
 * The `webhook-id` of a request whose `webhook-signature` signs its id, `webhook-timestamp` and exact body
 * with the inbox's secret (`whsec_…`), its timestamp within five minutes of now; null for anything else.
 */
export function verifyWebhookSignature(
  secret: string,
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
): string | null {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : '';
  };
  const webhookId = header('webhook-id');
  if (webhookId.length > maxWebhookIdLength) return null;
  try {
    new NativeHmacWebhook(secret).verify(
      body,
      {
        'webhook-id': webhookId,
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      },
      { jsonParse: false },
    );
    return webhookId;
  } catch {
    return null;
  }
}
