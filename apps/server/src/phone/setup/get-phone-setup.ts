import type { PhoneSetup } from '@switchboard/contracts';
import type { DbOrTx } from '../../db/index.js';
import { phoneSettingsOf } from '../phone-repository.js';
import { lineDto, queueDto } from './phone-setup-dto.js';
import { listClientLines, listQueues, listScripts } from './phone-setup-repository.js';

/** One client's phone: settings, queues, lines and the call scripts a line may use. */
export async function getPhoneSetup(db: DbOrTx, clientId: string): Promise<PhoneSetup> {
  const [settings, queues, lines, scripts] = await Promise.all([
    phoneSettingsOf(db, clientId),
    listQueues(db, clientId),
    listClientLines(db, clientId),
    listScripts(db, clientId),
  ]);
  return {
    settings: {
      consentNotice: settings.consentNotice,
      retentionDays: settings.retentionDays,
      callbackDueMinutes: settings.callbackDueMinutes,
    },
    queues: queues.map(queueDto),
    lines: lines.map(lineDto),
    scripts,
  };
}
