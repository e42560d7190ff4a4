import type { Db } from '../../db/index.js';
import { sealSecret } from './secret-box.js';
import { replaceClearSecret, selectClearSecrets } from './stored-secrets-repository.js';

/**
 * Start-up pass: seals every secret still stored in clear (rows from before sealing began, or a seed).
 * Reads accept both forms, so the pass can run while other processes serve requests. Returns how many.
 */
export async function sealStoredSecrets(db: Db): Promise<number> {
  const clear = await selectClearSecrets(db);
  for (const secret of clear) await replaceClearSecret(db, secret, sealSecret(secret.value));
  return clear.length;
}
