import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../platform/errors.js';
import { findEmailInboxByKey } from './email-repository.js';
import { parseEmail } from './parse-email.js';
import { type ReceivedEmail, type ReceiveEmailDeps, receiveEmail } from './receive-email.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * A provider pushes one raw MIME message for an inbox, proving itself with the inbox's secret. A wrong
 * key and a wrong secret answer alike, so the endpoint tells an outsider nothing about which inboxes exist.
 */
export async function receiveWebhookEmail(
  deps: ReceiveEmailDeps,
  options: { inboxKey: string; secret: string | undefined; raw: Buffer },
): Promise<ReceivedEmail> {
  const inbox = await findEmailInboxByKey(deps.db, options.inboxKey);
  const expected = inbox?.webhookSecretHash ? Buffer.from(inbox.webhookSecretHash, 'hex') : null;
  const given = sha256(options.secret ?? '');
  if (!inbox || !expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('UNAUTHENTICATED', 'Unknown inbox or wrong secret.');
  }
  if (options.raw.length === 0) throw new AppError('BAD_REQUEST', 'The body must be a raw MIME message.');
  let parsed: Awaited<ReturnType<typeof parseEmail>>;
  try {
    parsed = await parseEmail(options.raw, null);
  } catch {
    throw new AppError('BAD_REQUEST', 'The message could not be parsed.');
  }
  return receiveEmail(deps, { raw: options.raw, inbox, via: 'webhook', parsed });
}
