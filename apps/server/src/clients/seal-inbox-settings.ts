import type { InboxSettings } from '@switchboard/contracts';
import { sealSecret } from '../platform/secrets/index.js';

/**
 * The settings as stored and as audited: a chat inbox's identity secret sealed in the row, reduced to
 * `set`/`removed` in the audit log. `kept` is the stored secret a change that leaves it out keeps.
 */
export function sealInboxSettings(settings: InboxSettings, kept?: unknown) {
  if (settings.channel !== 'chat') return { stored: settings, audited: settings };
  const { identitySecret, identitySecretSet: _, ...rest } = settings;
  const secret = identitySecret ?? (typeof kept === 'string' ? kept : '');
  return {
    stored: { ...rest, identitySecret: secret ? sealSecret(secret) : '' },
    audited: { ...rest, identitySecret: identitySecret === undefined ? 'kept' : identitySecret ? 'set' : 'removed' },
  };
}
