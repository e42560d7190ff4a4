import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { findEmailInbox, upsertEmailInboxConfig } from './email-repository.js';

export type EmailInboxSettings = {
  /** Null closes the webhook; a signing secret is only ever made by `generateEmailWebhookSecret`. */
  webhookSecret?: null | undefined;
  imap?: Record<string, unknown> | null | undefined;
  autoAck?: Record<string, { subject: string; body: string }> | null | undefined;
  signature?: string | undefined;
};

/**
 * A manager sets an e-mail inbox's secrets and behaviour. The mailbox password is sealed; the audit log names what changed, never a secret. Switching the certificate
 * check of a mailbox off (or on again) is an audit entry of its own.
 */
export async function configureEmailInbox(
  db: Db,
  options: { scope: Scope; clientId: string; inboxId: string; settings: EmailInboxSettings },
): Promise<void> {
  assertClientInScope(options.scope, options.clientId);
  const inbox = await findEmailInbox(db, options.clientId, options.inboxId);
  if (!inbox) throw notFound('Inbox');
  const { settings, clientId, inboxId } = options;
  const stored = inbox.imap as { password?: string; allowSelfSignedCertificate?: boolean } | null;
  // The form never sees the stored IMAP password: left out, it stays as it was.
  let imap = settings.imap;
  if (imap && imap.password === undefined) {
    if (!stored?.password) throw new AppError('IMAP_PASSWORD_REQUIRED', 'The IMAP mailbox needs a password');
    imap = { ...imap, password: stored.password };
  }
  const wasUnchecked = stored?.allowSelfSignedCertificate === true;
  const isUnchecked = imap ? imap.allowSelfSignedCertificate === true : imap === null ? false : wasUnchecked;
  await db.transaction(async (tx) => {
    await upsertEmailInboxConfig(tx, {
      clientId,
      inboxId,
      ...(settings.webhookSecret === null && { webhookSecret: null }),
      ...(imap !== undefined && { imap }),
      ...(settings.autoAck !== undefined && { autoAck: settings.autoAck }),
      ...(settings.signature !== undefined && { signature: settings.signature }),
    });
    const entry = { clientId, entity: 'inbox', entityId: inboxId };
    await recordAudit(tx, options.scope, { ...entry, action: 'email_inbox.configured', data: auditedChange(settings) });
    if (isUnchecked !== wasUnchecked) {
      await recordAudit(tx, options.scope, {
        ...entry,
        action: isUnchecked ? 'email_inbox.certificate_check_disabled' : 'email_inbox.certificate_check_enabled',
        data: { host: imap?.host ?? null, port: imap?.port ?? null },
      });
    }
  });
}

/** What changed, with every secret reduced to whether it was set. */
function auditedChange(settings: EmailInboxSettings): Record<string, unknown> {
  const { password, ...imap } = settings.imap ?? {};
  return {
    ...(settings.webhookSecret === null && { webhookSecret: 'removed' }),
    ...(settings.imap !== undefined && {
      imap: settings.imap === null ? null : { ...imap, password: password === undefined ? 'kept' : 'changed' },
    }),
    ...(settings.autoAck !== undefined && { autoAck: settings.autoAck }),
    ...(settings.signature !== undefined && { signature: settings.signature }),
  };
}
