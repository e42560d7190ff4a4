import type { PhoneLine, UpdatePhoneLineRequest } from '@switchboard/contracts';
import { recordAudit } from '../../audit/index.js';
import type { Db } from '../../db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';
import { findLine } from '../phone-repository.js';
import { checkLineReferences } from './check-line-references.js';
import { lineDto } from './phone-setup-dto.js';
import { syncInboxNumber, updateLine } from './phone-setup-repository.js';

/** Changes a line: name, number, greeting, IVR, queue, recording, script, Twilio credentials, active. */
export async function updatePhoneLine(
  db: Db,
  input: { scope: Scope; clientId: string; lineId: string; body: UpdatePhoneLineRequest },
): Promise<PhoneLine> {
  const { scope, clientId, body } = input;
  const line = await findLine(db, clientId, input.lineId);
  if (!line) throw notFound('Line');
  if (Object.keys(body).length === 0) throw new AppError('NOTHING_TO_CHANGE', 'Nothing to change');
  if (line.provider !== 'twilio' && (body.accountSid !== undefined || body.authToken !== undefined))
    throw new AppError('CREDENTIALS_ONLY_FOR_TWILIO', 'Only a Twilio line has an account SID and auth token.');
  await checkLineReferences(db, clientId, body);
  return db.transaction(async (tx) => {
    const updated = await updateLine(tx, line, body);
    if (body.number) await syncInboxNumber(tx, updated);
    const { authToken, ...audited } = body;
    await recordAudit(tx, scope, {
      clientId,
      action: 'phone_line.updated',
      entity: 'phone_line',
      entityId: line.id,
      data: authToken ? { ...audited, authToken: 'changed' } : audited,
    });
    return lineDto(updated);
  });
}
