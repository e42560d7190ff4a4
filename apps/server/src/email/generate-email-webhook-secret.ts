import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { findEmailInbox, upsertEmailInboxConfig } from './email-repository.js';

/**
 * A manager sets up (or rotates) the inbound webhook of an e-mail inbox: the server makes a Standard
 * Webhooks signing secret (`whsec_` + 32 random bytes in base64), stores it sealed, and answers it this
 * once. A previous secret stops working at once. The audit log records only that it was set or changed.
 */
export async function generateEmailWebhookSecret(
  db: Db,
  options: { scope: Scope; clientId: string; inboxId: string },
): Promise<{ secret: string }> {
  assertClientInScope(options.scope, options.clientId);
  const inbox = await findEmailInbox(db, options.clientId, options.inboxId);
  if (!inbox) throw notFound('Inbox');
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  await db.transaction(async (tx) => {
    await upsertEmailInboxConfig(tx, { clientId: options.clientId, inboxId: options.inboxId, webhookSecret: secret });
    await recordAudit(tx, options.scope, {
      clientId: options.clientId,
      entity: 'inbox',
      entityId: options.inboxId,
      action: 'email_inbox.configured',
      data: { webhookSecret: inbox.webhookSecret ? 'changed' : 'set' },
    });
  });
  return { secret };
}
