import type { DeskEvent } from '@switchboard/contracts';
import { type AutomationEventType, type RuleAction, RuleCondition } from '@switchboard/contracts';
import { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { findConversationRow } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { type AutomationEvent, eventKey, eventMessageId } from './automation-event.js';
import {
  claimRun,
  findFactsContext,
  findRulesAndLockFacts,
  finishRun,
  listRulesForEvent,
  type RuleFactsRow,
  type RuleRow,
  type RuleToCheck,
} from './automation-repository.js';
import type { AutomationContext } from './automation-subscriber.js';
import { type ConversationFacts, matchesConditions } from './evaluate-conditions.js';
import { type ActionResult, performRuleAction } from './perform-rule-action.js';

/** How many rule-caused events may follow one outside event before automation stops following them. */
export const maxAutomationDepth = 3;

/** What a run changed, for the caller to announce once its transaction has committed. */
export type AutomationResult = { runs: number; deskEvents: DeskEvent[] };

type Chain = { depth: number; ruleIds: readonly string[]; deskEvents: DeskEvent[] };

const storedConditions = z.array(RuleCondition);

/**
 * The one way into automation: runs the enabled rules for `event` inside the caller's transaction,
 * so a rule's effects commit (or roll back) with the event itself — exactly once, however many server
 * processes run, with no subscriber to miss it. Each rule runs at most once per event occurrence
 * (`eventKey`, a unique index). An action that changes the assignment raises `assignment.changed`
 * for the other rules; a rule never runs again for a change it caused itself (directly or through
 * other rules), and the chain stops after `maxAutomationDepth` steps.
 *
 * A failing action is recorded on the run and the timeline, never thrown: a customer's message is
 * stored even when a rule is broken.
 */
export async function runAutomations(
  tx: Tx,
  event: AutomationEvent,
  context: AutomationContext,
): Promise<AutomationResult> {
  const deskEvents: DeskEvent[] = [];
  const runs = await runChain(tx, event, { depth: 0, ruleIds: [], deskEvents }, context);
  return { runs, deskEvents };
}

/**
 * `runAutomations` for several events in one transaction (a batch of incoming messages), in one
 * statement whatever their number when no rule's conditions hold (the common case): the rules that
 * listen to any of the events, and every event's conversation, locked, with what conditions read. An
 * event none of whose rules holds runs nothing, exactly as `runAutomations` would decide on the same
 * facts; an event with a rule that holds, or whose conversation an earlier event's rule may have changed,
 * goes through `runAutomations` itself, in order.
 */
export async function runAutomationsForEach(
  tx: Tx,
  events: readonly AutomationEvent[],
  context: AutomationContext,
): Promise<AutomationResult[]> {
  const nothing = (): AutomationResult => ({ runs: 0, deskEvents: [] });
  const { rules, facts } = await findRulesAndLockFacts(
    tx,
    events.map((event) => ({
      type: event.type,
      clientId: event.clientId,
      conversationId: event.conversationId,
      messageId: eventMessageId(event),
    })),
  );
  const rulesOf = events.map((event) => rulesForEvent(rules, event.clientId, event.type));
  const touched = new Set<string>();
  const results: AutomationResult[] = [];
  for (const [i, event] of events.entries()) {
    const row = facts.get(i);
    const now = new Date();
    const mayRun =
      touched.has(event.conversationId) ||
      (row !== undefined && rulesOf[i]!.some((rule) => ruleHolds(rule, conversationFacts(row, now))));
    if (!mayRun) {
      results.push(nothing());
      continue;
    }
    touched.add(event.conversationId);
    results.push(await runAutomations(tx, event, context));
  }
  return results;
}

/** An event's enabled rules in the order `listRulesForEvent` gives them: the client's own by position, then the agency's. */
function rulesForEvent(rules: readonly RuleToCheck[], clientId: string, type: string): RuleToCheck[] {
  return rules
    .filter((rule) => (rule.clientId === clientId || rule.agencyWide) && rule.events.includes(type))
    .sort(
      (a, b) =>
        Number(a.agencyWide) - Number(b.agencyWide) ||
        a.position - b.position ||
        new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime(),
    );
}

/** Whether a rule's stored conditions hold on these facts (conditions that no longer parse never hold). */
function ruleHolds(rule: Pick<RuleRow, 'conditions'>, facts: ConversationFacts): boolean {
  const conditions = storedConditions.safeParse(rule.conditions);
  return conditions.success && matchesConditions(conditions.data, facts);
}

/** The facts conditions are checked against, from the conversation and its event's message. */
function conversationFacts(row: RuleFactsRow, now: Date): ConversationFacts {
  return {
    clientId: row.client_id,
    channel: row.channel,
    priority: row.priority,
    tier: row.tier,
    tags: row.tags,
    flags: row.flags,
    assigneeId: row.assignee_id,
    createdAt: new Date(row.created_at),
    timeZone: row.timezone ?? 'UTC',
    customer: { name: row.contact_name, email: row.contact_email },
    text: `${row.subject}\n${row.message_text ?? ''}`,
    now,
  };
}

async function runChain(tx: Tx, event: AutomationEvent, chain: Chain, context: AutomationContext): Promise<number> {
  if (chain.depth > maxAutomationDepth) return 0;
  const rules = await listRulesForEvent(tx, event.clientId, event.type);
  const key = eventKey(event);
  let runs = 0;
  for (const rule of rules) {
    if (chain.ruleIds.includes(rule.id)) continue;
    const conversation = await findConversationRow(tx, [event.clientId], event.conversationId, { forUpdate: true });
    if (!conversation) return runs;
    const found = await findFactsContext(tx, event.clientId, event.conversationId, eventMessageId(event));
    const facts = conversationFacts(
      {
        ...conversation,
        timezone: found?.timezone ?? 'UTC',
        message_text: found?.message_text ?? null,
      },
      new Date(),
    );
    if (!ruleHolds(rule, facts)) continue;
    const runId = await claimRun(tx, {
      clientId: event.clientId,
      ruleId: rule.id,
      ruleName: rule.name,
      event: event.type,
      eventKey: key,
      conversationId: event.conversationId,
      depth: chain.depth,
    });
    if (!runId) continue;
    runs += 1;
    const results = await runRule(tx, rule, event, key, chain, context);
    const outcome = results.some((r) => !r.ok) ? 'failed' : results.some((r) => r.changed) ? 'applied' : 'skipped';
    await finishRun(tx, {
      clientId: event.clientId,
      runId,
      ruleId: rule.id,
      outcome,
      results: results.map(({ action, ok, text }) => ({ action, ok, text })),
    });
    await recordAudit(tx, 'system', {
      clientId: event.clientId,
      action: 'automation.rule_ran',
      entity: 'conversation',
      entityId: event.conversationId,
      data: { ruleId: rule.id, ruleName: rule.name, runId, event: event.type, eventKey: key, outcome },
    });
    chain.deskEvents.push({
      type: 'conversation.updated',
      clientId: event.clientId,
      conversationId: event.conversationId,
    });
    if (rule.stopAfter) break;
  }
  return runs;
}

async function runRule(
  tx: Tx,
  rule: RuleRow,
  event: AutomationEvent,
  key: string,
  chain: Chain,
  context: AutomationContext,
): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const [index, action] of (rule.actions as RuleAction[]).entries()) {
    const result = await performRuleAction(tx, { rule, action, event, chain: chain.deskEvents, context });
    results.push(result);
    if (result.assignedTo !== undefined) {
      // Other rules may react to the assignment this rule made; this rule (and its callers) may not.
      await runChain(
        tx,
        {
          type: 'assignment.changed',
          clientId: event.clientId,
          conversationId: event.conversationId,
          assigneeId: result.assignedTo,
          by: 'rule',
          key: `${key}>${rule.id}#${index}`,
        },
        { depth: chain.depth + 1, ruleIds: [...chain.ruleIds, rule.id], deskEvents: chain.deskEvents },
        context,
      );
    }
  }
  return results;
}

export type { AutomationEventType };
