import type { DeskNotification } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import type { Scope } from '../platform/scope.js';
import { toNotification } from './automation-dto.js';
import { listNotifications, markNotificationsRead } from './automation-repository.js';

/** The caller's own desk notifications, newest first, about clients they still serve. */
export async function listMyNotifications(
  db: Db,
  scope: Extract<Scope, { kind: 'agency' }>,
  limit = 30,
): Promise<DeskNotification[]> {
  return (await listNotifications(db, scope.userId, scope.clientIds, limit)).map(toNotification);
}

/** Marks the caller's notifications read (some, or all); another person's ids change nothing. */
export async function markMyNotificationsRead(
  db: Db,
  scope: Extract<Scope, { kind: 'agency' }>,
  ids: readonly string[] | 'all',
): Promise<void> {
  await markNotificationsRead(db, scope.userId, scope.clientIds, ids);
}
