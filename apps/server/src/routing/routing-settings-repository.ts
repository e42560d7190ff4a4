import type { RoutingSettings, UpdateRoutingSettingsRequest } from '@switchboard/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { clients, routingSettings } from '../db/schema.js';
import type { ClientRoutingRules } from './decide-assignments.js';

export const DEFAULT_ROUTING = { preferredWaitSeconds: 120, reassignAfterSeconds: 600 } as const;

export type ClientRouting = ClientRoutingRules & { reassignAfterSeconds: number };

/** Each client's routing settings; a client without a row gets the defaults. */
export async function loadRoutingRules(db: DbOrTx, clientIds: readonly string[]): Promise<Map<string, ClientRouting>> {
  const rows =
    clientIds.length === 0
      ? []
      : await db
          .select()
          .from(routingSettings)
          .where(inArray(routingSettings.clientId, [...clientIds]));
  const byClient = new Map<string, ClientRouting>();
  for (const clientId of clientIds) byClient.set(clientId, { ...DEFAULT_ROUTING, specialistRules: [] });
  for (const row of rows) {
    byClient.set(row.clientId, {
      preferredWaitSeconds: row.preferredWaitSeconds,
      reassignAfterSeconds: row.reassignAfterSeconds,
      specialistRules: row.specialistRules,
    });
  }
  return byClient;
}

export async function readRoutingSettings(db: DbOrTx, clientId: string): Promise<RoutingSettings> {
  const rules = (await loadRoutingRules(db, [clientId])).get(clientId)!;
  return { clientId, ...rules, specialistRules: [...rules.specialistRules] };
}

export async function upsertRoutingSettings(
  db: DbOrTx,
  clientId: string,
  input: UpdateRoutingSettingsRequest,
): Promise<void> {
  await db
    .insert(routingSettings)
    .values({ clientId, ...DEFAULT_ROUTING, ...input })
    .onConflictDoUpdate({ target: routingSettings.clientId, set: { ...input, updatedAt: sql`now()` } });
}

export async function clientExists(db: DbOrTx, clientId: string): Promise<boolean> {
  const rows = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
  return rows.length > 0;
}
