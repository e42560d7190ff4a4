import type { DbOrTx } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import { countClientQueues, isClientScript } from './phone-setup-repository.js';

/**
 * A line may only point at its own client's queues and scripts: a foreign or unknown id is refused
 * with the same message as a missing one, so other clients' ids cannot be probed.
 */
export async function checkLineReferences(
  db: DbOrTx,
  clientId: string,
  refs: {
    queueId?: string | undefined;
    ivr?: { options: { queueId: string }[] } | null | undefined;
    scriptGroupId?: string | null | undefined;
  },
) {
  const queueIds = [...(refs.queueId ? [refs.queueId] : []), ...(refs.ivr?.options.map((o) => o.queueId) ?? [])];
  if (queueIds.length > 0 && (await countClientQueues(db, clientId, queueIds)) !== new Set(queueIds).size)
    throw new AppError('QUEUE_NOT_OF_CLIENT', "Choose one of this client's call queues.");
  if (refs.scriptGroupId && !(await isClientScript(db, clientId, refs.scriptGroupId)))
    throw new AppError('SCRIPT_NOT_OF_CLIENT', "Choose one of this client's call scripts.");
}
