import { randomBytes } from 'node:crypto';
import type { CreatedPhoneLine, CreatePhoneLineRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../../audit/index.js';
import type { Db } from '../../db/index.js';
import type { Scope } from '../../platform/scope.js';
import { sha256Hex } from '../phone-repository.js';
import { checkLineReferences } from './check-line-references.js';
import { lineDto } from './phone-setup-dto.js';
import { insertLine, insertPhoneInbox } from './phone-setup-repository.js';

/**
 * A new line for a client, with its own phone inbox (the desk files its calls there). A CTI line gets
 * a random token for its PBX's webhook URL; only its hash is stored, so the token is returned this once.
 */
export async function createPhoneLine(
  db: Db,
  input: { scope: Scope; clientId: string; body: z.output<typeof CreatePhoneLineRequest> },
): Promise<CreatedPhoneLine> {
  const { scope, clientId, body } = input;
  await checkLineReferences(db, clientId, body);
  const ctiToken = body.provider === 'cti' ? randomBytes(24).toString('base64url') : null;
  return db.transaction(async (tx) => {
    const inboxId = await insertPhoneInbox(tx, {
      clientId,
      name: body.name,
      number: body.number,
      key: `phone-${randomBytes(12).toString('base64url')}`,
    });
    const line = await insertLine(tx, {
      clientId,
      inboxId,
      name: body.name,
      number: body.number,
      provider: body.provider,
      accountSid: body.provider === 'twilio' ? body.accountSid! : null,
      authToken: body.provider === 'twilio' ? body.authToken! : null,
      ctiTokenHash: ctiToken ? sha256Hex(ctiToken) : null,
      queueId: body.queueId,
      greeting: body.greeting,
      record: body.record,
      language: body.language,
      scriptGroupId: body.scriptGroupId,
      ivr: body.ivr,
    });
    const { authToken: _secret, ...audited } = body;
    await recordAudit(tx, scope, {
      clientId,
      action: 'phone_line.created',
      entity: 'phone_line',
      entityId: line.id,
      data: audited,
    });
    return { ...lineDto(line), ctiToken };
  });
}
