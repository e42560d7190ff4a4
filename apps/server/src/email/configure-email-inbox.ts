import { createHash } from 'node:crypto';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { findEmailInbox, upsertEmailInboxConfig } from './email-repository.js';

export type EmailInboxSettings = {
  webhookSecret?: string | null | undefined;
  imap?: Record<string, unknown> | null | undefined;
  autoAck?: Record<string, { subject: string; body: string }> | null | undefined;
  signature?: string | undefined;
};

/** A manager sets an e-mail inbox's secrets and behaviour. The webhook secret is kept only as a hash. */
export async function configureEmailInbox(
  db: Db,
  options: { scope: Scope; clientId: string; inboxId: string; settings: EmailInboxSettings },
): Promise<void> {
  assertClientInScope(options.scope, options.clientId);
  const inbox = await findEmailInbox(db, options.clientId, options.inboxId);
  if (!inbox) throw notFound('Inbox');
  const { settings } = options;
  // The form never sees the stored IMAP password: left out, it stays as it was.
  let imap = settings.imap;
  if (imap && imap.password === undefined) {
    const stored = (inbox.imap as { password?: string } | null)?.password;
    if (!stored) throw new AppError('BAD_REQUEST', 'The IMAP mailbox needs a password');
    imap = { ...imap, password: stored };
  }
  await upsertEmailInboxConfig(db, {
    clientId: options.clientId,
    inboxId: options.inboxId,
    ...(settings.webhookSecret !== undefined && {
      webhookSecretHash: settings.webhookSecret
        ? createHash('sha256').update(settings.webhookSecret).digest('hex')
        : null,
    }),
    ...(imap !== undefined && { imap }),
    ...(settings.autoAck !== undefined && { autoAck: settings.autoAck }),
    ...(settings.signature !== undefined && { signature: settings.signature }),
  });
}
