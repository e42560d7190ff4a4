import { z } from 'zod';
import { Capacity, Channel, Id, Priority } from './common.js';

/** An agent's availability for automatic assignment. Only `online` agents receive new work. */
export const Presence = z.enum(['online', 'away', 'offline']);
export type Presence = z.infer<typeof Presence>;

export const SetPresenceRequest = z.strictObject({ presence: Presence });
export const PresenceState = z.object({ agentId: Id, presence: Presence, changedAt: z.string().nullable() });
export type PresenceState = z.infer<typeof PresenceState>;

/** The flag that sends a conversation to the front of the queue. */
export const EMERGENCY_FLAG = 'emergency';

const Tag = z.string().trim().min(1).max(40);
export const SpecialistRule = z.strictObject({ tag: Tag, skill: Tag });
export type SpecialistRule = z.infer<typeof SpecialistRule>;

export const RoutingSettings = z.object({
  clientId: Id,
  /** Seconds a conversation waits for the customer's familiar agent before anyone eligible may take it. */
  preferredWaitSeconds: z.number().int(),
  /** Seconds after which an unanswered automatic assignment is taken back and routed again. */
  reassignAfterSeconds: z.number().int(),
  specialistRules: z.array(SpecialistRule),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

export const UpdateRoutingSettingsRequest = z
  .strictObject({
    preferredWaitSeconds: z.number().int().min(0).max(86_400),
    reassignAfterSeconds: z
      .number()
      .int()
      .min(30)
      .max(7 * 86_400),
    specialistRules: z.array(SpecialistRule).max(50),
  })
  .partial();
export type UpdateRoutingSettingsRequest = z.infer<typeof UpdateRoutingSettingsRequest>;

export const EscalateTierRequest = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type EscalateTierRequest = z.infer<typeof EscalateTierRequest>;

/** Why a waiting conversation has no agent yet. */
export const QueueHold = z.enum(['preferred-agent', 'no-eligible-agent']);

export const QueueConversation = z.object({
  id: Id,
  number: z.number().int(),
  client: z.object({ id: Id, name: z.string(), prefix: z.string() }),
  channel: Channel,
  subject: z.string(),
  contactName: z.string(),
  priority: Priority,
  tier: z.number().int(),
  emergency: z.boolean(),
  flags: z.array(z.string()),
  waitingSince: z.string().nullable(),
  assigneeId: Id.nullable(),
  preferredAgent: z.object({ id: Id, name: z.string() }).nullable(),
  /**
   * The SLA slot: when the next SLA target of this conversation falls due (the SLA part fills it;
   * null while no policy applies). The board shows a countdown from it.
   */
  slaDueAt: z.string().nullable(),
});
export type QueueConversation = z.infer<typeof QueueConversation>;

export const ChannelLoad = z.object({ email: z.number().int(), chat: z.number().int(), phone: z.number().int() });

export const QueueAgent = z.object({
  id: Id,
  name: z.string(),
  tier: z.number().int(),
  presence: Presence,
  capacity: Capacity,
  load: ChannelLoad,
  clientIds: z.array(Id),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  lastAssignedAt: z.string().nullable(),
  /** Open conversations assigned to this agent, oldest waiting first. */
  conversations: z.array(QueueConversation),
});
export type QueueAgent = z.infer<typeof QueueAgent>;

export const QueueSummary = z.object({
  client: z.object({ id: Id, name: z.string() }),
  tier: z.number().int(),
  waiting: z.number().int(),
  oldestWaitingSince: z.string().nullable(),
});

export const QueueBoard = z.object({
  /** Unassigned waiting conversations in queue order: emergencies first, then by waiting time moved up by priority. */
  waiting: z.array(QueueConversation),
  /** How many waiting conversations exist beyond those listed. */
  waitingTotal: z.number().int(),
  summary: z.array(QueueSummary),
  agents: z.array(QueueAgent),
});
export type QueueBoard = z.infer<typeof QueueBoard>;

export const ReassignRequest = z.strictObject({ agentId: Id.nullable() });
