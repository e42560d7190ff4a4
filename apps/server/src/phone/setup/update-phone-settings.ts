import type { PhoneClientSettings, UpdatePhoneClientSettingsRequest } from '@switchboard/contracts';
import { recordAudit } from '../../audit/index.js';
import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';
import { upsertPhoneSettings } from './phone-setup-repository.js';

/** The client's phone settings: the recording consent notice, recording retention, the callback target. */
export async function updatePhoneSettings(
  db: Db,
  input: { scope: Scope; clientId: string; body: UpdatePhoneClientSettingsRequest },
): Promise<PhoneClientSettings> {
  const { scope, clientId, body } = input;
  if (Object.keys(body).length === 0) throw new AppError('NOTHING_TO_CHANGE', 'Nothing to change');
  return db.transaction(async (tx) => {
    const row = await upsertPhoneSettings(tx, clientId, body);
    await recordAudit(tx, scope, {
      clientId,
      action: 'phone_settings.updated',
      entity: 'phone_client_settings',
      entityId: clientId,
      data: body,
    });
    return {
      consentNotice: row.consentNotice,
      retentionDays: row.retentionDays,
      callbackDueMinutes: row.callbackDueMinutes,
    };
  });
}
