import type { SlaCalendar } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { businessTimeBetween } from '../platform/business-time/business-calendar.js';
import { findSlaPolicy } from './sla-repository.js';

/**
 * Inside the client's business hours at `at`, by the calendar of its SLA contract (weekly hours in its
 * time zone, holidays off). A client without an SLA policy, or with it switched off, keeps no hours.
 */
export async function isClientOpen(db: DbOrTx, clientId: string, at: Date): Promise<boolean> {
  const policy = await findSlaPolicy(db, clientId);
  if (!policy?.enabled) return true;
  return isOpenAt(policy.calendar, at);
}

/** The calendar counts the second after `at` as working time. */
export function isOpenAt(calendar: SlaCalendar, at: Date): boolean {
  if (calendar.mode === 'always') return true;
  return businessTimeBetween(at, new Date(at.getTime() + 1000), calendar) > 0;
}
