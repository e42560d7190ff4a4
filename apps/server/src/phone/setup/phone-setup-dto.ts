import type { PhoneLine, PhoneQueue } from '@switchboard/contracts';
import type { LineRow, QueueRow } from '../phone-repository.js';

export const lineDto = (line: LineRow): PhoneLine => ({
  id: line.id,
  clientId: line.clientId,
  inboxId: line.inboxId,
  name: line.name,
  number: line.number,
  provider: line.provider,
  queueId: line.queueId,
  scriptGroupId: line.scriptGroupId,
  record: line.record,
  greeting: line.greeting,
  ivr: line.ivr ?? null,
  language: line.language === 'fa' ? 'fa' : 'en',
  active: line.active,
  accountSid: line.accountSid,
});

export const queueDto = (queue: QueueRow): PhoneQueue => ({
  id: queue.id,
  clientId: queue.clientId,
  name: queue.name,
  holdAudioUrl: queue.holdAudioUrl,
  maxWaitSeconds: queue.maxWaitSeconds,
});
