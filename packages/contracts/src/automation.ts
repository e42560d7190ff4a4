import { z } from 'zod';
import { Channel, Id, Priority, patchOf, Tier } from './common.js';

/**
 * Automation: triggers (when an event happens, if its conditions hold, run actions) and macros
 * (a named set of actions and a reply template an agent applies with one click).
 */

/** What can start a rule. SLA, escalation and automatic-routing events are raised by their own slices. */
export const AutomationEventType = z.enum([
  'conversation.created',
  'message.received',
  'assignment.changed',
  'sla.warning',
  'sla.breached',
  'escalation.answered',
]);
export type AutomationEventType = z.infer<typeof AutomationEventType>;

const Word = z.string().trim().min(1).max(80);
const Words = z.array(Word).min(1).max(50);
const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 365);
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** One weekly window in the client's time zone: days 0 (Sunday) … 6 (Saturday), from–to on each of those days. */
export const ScheduleWindow = z
  .strictObject({
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    from: ClockTime,
    to: ClockTime,
  })
  .refine((w) => w.from < w.to, { message: 'The window must end after it starts', path: ['to'] });
export type ScheduleWindow = z.infer<typeof ScheduleWindow>;

export const RuleCondition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('client'), op: z.enum(['is', 'is_not']), values: z.array(Id).min(1).max(100) }),
  z.strictObject({ type: z.literal('channel'), op: z.enum(['is', 'is_not']), values: z.array(Channel).min(1) }),
  z.strictObject({ type: z.literal('priority'), op: z.enum(['is', 'is_not']), values: z.array(Priority).min(1) }),
  z.strictObject({ type: z.literal('tier'), op: z.enum(['is', 'is_not']), values: z.array(Tier).min(1) }),
  z.strictObject({ type: z.literal('tags'), op: z.enum(['has_any', 'has_none']), values: Words }),
  z.strictObject({ type: z.literal('flags'), op: z.enum(['has_any', 'has_none']), values: Words }),
  /** Words or phrases in the customer's latest message (and the subject), Persian letter forms folded. */
  z.strictObject({ type: z.literal('words'), op: z.enum(['contains_any', 'contains_none']), values: Words }),
  z.strictObject({
    type: z.literal('customer'),
    op: z.enum(['email_is', 'email_domain_is', 'name_contains']),
    values: Words,
  }),
  z.strictObject({ type: z.literal('assignee'), op: z.enum(['unassigned', 'assigned']) }),
  z.strictObject({
    type: z.literal('schedule'),
    op: z.enum(['inside', 'outside']),
    windows: z.array(ScheduleWindow).min(1).max(14),
  }),
  /** How long ago the conversation was opened. */
  z.strictObject({ type: z.literal('age'), op: z.enum(['older_than', 'younger_than']), minutes: Minutes }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;
export type RuleConditionType = RuleCondition['type'];

const Flag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, - and _');
const Template = z.string().trim().min(1).max(10_000);

const AssignAgent = z.strictObject({ type: z.literal('assign_agent'), agentId: Id });
const AssignTeam = z.strictObject({ type: z.literal('assign_team'), team: z.string().trim().min(1).max(60) });
const SetPriority = z.strictObject({ type: z.literal('set_priority'), priority: Priority });
const SetFlag = z.strictObject({ type: z.literal('set_flag'), flag: Flag });
const ClearFlag = z.strictObject({ type: z.literal('clear_flag'), flag: Flag });
const AddTags = z.strictObject({ type: z.literal('add_tags'), tags: z.array(Flag).min(1).max(20) });
const RemoveTags = z.strictObject({ type: z.literal('remove_tags'), tags: z.array(Flag).min(1).max(20) });
const EscalateTier = z.strictObject({ type: z.literal('escalate_tier') });

export const RuleAction = z.discriminatedUnion('type', [
  AssignAgent,
  AssignTeam,
  /** Hands the conversation to automatic routing (the routing slice decides who). */
  z.strictObject({ type: z.literal('assign_automatically') }),
  SetPriority,
  SetFlag,
  ClearFlag,
  AddTags,
  RemoveTags,
  z.strictObject({
    type: z.literal('notify'),
    /** `assignee`, `supervisors`, or agency users by id. */
    recipients: z
      .array(z.union([z.enum(['assignee', 'supervisors']), Id]))
      .min(1)
      .max(20),
    message: z.string().trim().min(1).max(500),
  }),
  /** A reply to the customer, placeholders filled; goes out like an agent's reply (e-mail through the outbox). */
  z.strictObject({ type: z.literal('send_reply'), body: Template }),
  EscalateTier,
  z.strictObject({ type: z.literal('escalate_to_client'), question: Template }),
]);
export type RuleAction = z.infer<typeof RuleAction>;
export type RuleActionType = RuleAction['type'];

export const AutomationRule = z.object({
  id: Id,
  /** Null: an agency-wide rule, run for every client (after the client's own rules). */
  clientId: Id.nullable(),
  name: z.string(),
  events: z.array(AutomationEventType),
  conditions: z.array(RuleCondition),
  actions: z.array(RuleAction),
  enabled: z.boolean(),
  position: z.number().int(),
  /** Stop evaluating later rules for the same event once this one has run. */
  stopAfter: z.boolean(),
  runCount: z.number().int(),
  lastRunAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type AutomationRule = z.infer<typeof AutomationRule>;

const RuleName = z.string().trim().min(1).max(120);

export const CreateAutomationRuleRequest = z.strictObject({
  clientId: Id.nullable(),
  name: RuleName,
  events: z.array(AutomationEventType).min(1).max(6),
  conditions: z.array(RuleCondition).max(20).default([]),
  actions: z.array(RuleAction).min(1).max(20),
  enabled: z.boolean().default(true),
  stopAfter: z.boolean().default(false),
});
export type CreateAutomationRuleRequest = z.input<typeof CreateAutomationRuleRequest>;

export const UpdateAutomationRuleRequest = patchOf(CreateAutomationRuleRequest.omit({ clientId: true })).refine(
  (v) => Object.keys(v).length > 0,
  'Nothing to change',
);
export type UpdateAutomationRuleRequest = z.input<typeof UpdateAutomationRuleRequest>;

export const ReorderAutomationRulesRequest = z.strictObject({
  clientId: Id.nullable(),
  ruleIds: z.array(Id).min(1).max(500),
});
export type ReorderAutomationRulesRequest = z.infer<typeof ReorderAutomationRulesRequest>;

export const AutomationRuleQuery = z.strictObject({
  /** A client's rules; without it, the agency-wide rules. */
  clientId: Id.optional(),
});

export const AutomationRunOutcome = z.enum(['applied', 'skipped', 'failed']);

export const AutomationRun = z.object({
  id: Id,
  clientId: Id,
  ruleId: Id.nullable(),
  ruleName: z.string(),
  event: AutomationEventType,
  conversation: z.object({ id: Id, number: z.number().int(), subject: z.string() }),
  outcome: AutomationRunOutcome,
  /** One line per action, as written on the timeline. */
  results: z.array(z.object({ action: z.string(), ok: z.boolean(), text: z.string() })),
  createdAt: z.string(),
});
export type AutomationRun = z.infer<typeof AutomationRun>;

export const AutomationRunQuery = z.strictObject({
  clientId: Id.optional(),
  ruleId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

// ---- Macros ------------------------------------------------------------------------------------

/** What a macro may do: the conversation's own properties; no customer-facing send without the agent. */
export const MacroAction = z.discriminatedUnion('type', [
  AssignAgent,
  AssignTeam,
  SetPriority,
  SetFlag,
  ClearFlag,
  AddTags,
  RemoveTags,
  EscalateTier,
  z.strictObject({ type: z.literal('set_status'), status: z.enum(['open', 'pending', 'snoozed', 'resolved']) }),
]);
export type MacroAction = z.infer<typeof MacroAction>;

export const Macro = z.object({
  id: Id,
  clientId: Id.nullable(),
  name: z.string(),
  actions: z.array(MacroAction),
  /** Put into the reply box with placeholders filled, for the agent to review and send. */
  replyTemplate: z.string(),
  position: z.number().int(),
  updatedAt: z.string(),
});
export type Macro = z.infer<typeof Macro>;

export const CreateMacroRequest = z
  .strictObject({
    clientId: Id.nullable(),
    name: RuleName,
    actions: z.array(MacroAction).max(20).default([]),
    replyTemplate: z.string().trim().max(10_000).default(''),
  })
  .refine((m) => m.actions.length > 0 || m.replyTemplate.length > 0, 'A macro needs an action or a reply');
export type CreateMacroRequest = z.input<typeof CreateMacroRequest>;

export const UpdateMacroRequest = z
  .strictObject({
    name: RuleName,
    actions: z.array(MacroAction).max(20),
    replyTemplate: z.string().trim().max(10_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateMacroRequest = z.input<typeof UpdateMacroRequest>;

export const MacroQuery = z.strictObject({ clientId: Id.optional() });

export const ApplyMacroResult = z.object({
  /** The reply template with placeholders filled; empty when the macro has none. */
  draft: z.string(),
  /** What the macro changed, as written on the timeline. */
  applied: z.array(z.string()),
});
export type ApplyMacroResult = z.infer<typeof ApplyMacroResult>;

// ---- Desk notifications --------------------------------------------------------------------------

export const DeskNotification = z.object({
  id: Id,
  clientId: Id,
  conversation: z.object({ id: Id, number: z.number().int(), subject: z.string() }),
  text: z.string(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DeskNotification = z.infer<typeof DeskNotification>;
