import type { Locale, Me } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { updateAgencyUserLocale, updateClientUserLocale } from './auth-repository.js';
import type { Principal } from './principal.js';

export async function updateMyLocale(db: Db, principal: Principal, locale: Locale): Promise<Me> {
  if (principal.me.kind === 'agency') await updateAgencyUserLocale(db, principal.me.id, locale);
  else await updateClientUserLocale(db, principal.me.id, locale);
  return { ...principal.me, locale };
}
