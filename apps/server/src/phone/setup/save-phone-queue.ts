import type { PhoneQueue, SavePhoneQueueRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../../audit/index.js';
import type { Db } from '../../db/index.js';
import { notFound } from '../../platform/errors.js';
import type { Scope } from '../../platform/scope.js';
import { findQueue } from '../phone-repository.js';
import { queueDto } from './phone-setup-dto.js';
import { insertQueue, updateQueue } from './phone-setup-repository.js';

/** Creates a client's call queue, or (with `queueId`) changes one: name, hold audio, longest wait before voicemail. */
export async function savePhoneQueue(
  db: Db,
  input: { scope: Scope; clientId: string; queueId?: string; body: z.output<typeof SavePhoneQueueRequest> },
): Promise<PhoneQueue> {
  const { scope, clientId, body } = input;
  const existing = input.queueId ? await findQueue(db, clientId, input.queueId) : null;
  if (input.queueId && !existing) throw notFound('Queue');
  return db.transaction(async (tx) => {
    const queue = existing ? await updateQueue(tx, existing, body) : await insertQueue(tx, { clientId, ...body });
    await recordAudit(tx, scope, {
      clientId,
      action: existing ? 'phone_queue.updated' : 'phone_queue.created',
      entity: 'phone_queue',
      entityId: queue.id,
      data: body,
    });
    return queueDto(queue);
  });
}
