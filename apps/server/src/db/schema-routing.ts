import { integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './schema-core.js';

/** A per-client rule: conversations tagged `tag` go only to agents with `skill` (a specialist group). */
export type SpecialistRuleRow = { tag: string; skill: string };

/** How routing treats one client's conversations. A client without a row uses the defaults below. */
export const routingSettings = pgTable('routing_settings', {
  // The reference is lazy: schema.ts re-exports this file, so `clients` is read only when Drizzle needs it.
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  /** How long a conversation waits for the customer's familiar agent before anyone eligible may take it. */
  preferredWaitSeconds: integer('preferred_wait_seconds').notNull().default(120),
  /** An automatic assignment nobody answered is taken back and routed again after this long. */
  reassignAfterSeconds: integer('reassign_after_seconds').notNull().default(600),
  specialistRules: jsonb('specialist_rules').$type<SpecialistRuleRow[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
