import type { DeskEvent, RuleAction, UpdateConversationRequest } from '@switchboard/contracts';
import {
  appendTimelineEntries,
  applyConversationChanges,
  type ChangeActor,
  type ConversationRow,
  findConversationRow,
  replyChannelOf,
  writeMessage,
} from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { fillPlaceholders } from '../kb/index.js';
import type { AutomationEvent } from './automation-event.js';
import { findRecipients, insertNotifications, type RuleRow, ruleRepliedSince } from './automation-repository.js';
import type { AutomationContext } from './automation-subscriber.js';

export type ActionResult = {
  action: RuleAction['type'];
  ok: boolean;
  changed: boolean;
  text: string;
  /** Set when the action changed the assignee (to this agent, or null). */
  assignedTo?: string | null;
};

type PerformOptions = {
  rule: RuleRow;
  action: RuleAction;
  event: AutomationEvent;
  chain: DeskEvent[];
  context: AutomationContext;
};

/**
 * One action of a rule, in its own savepoint: if it fails, what it did is undone, the failure is
 * written on the timeline, and the rule's other actions still run.
 */
export async function performRuleAction(tx: Tx, options: PerformOptions): Promise<ActionResult> {
  const { action, rule, event } = options;
  try {
    return await tx.transaction(async (sp) => {
      const conversation = await findConversationRow(sp, [event.clientId], event.conversationId, { forUpdate: true });
      if (!conversation) return { action: action.type, ok: false, changed: false, text: 'the conversation is gone' };
      return await perform(sp, conversation, options);
    });
  } catch (error) {
    const text = `could not ${action.type.replace(/_/g, ' ')}: ${error instanceof Error ? error.message : String(error)}`;
    await timeline(tx, rule, event.clientId, event.conversationId, { kind: 'failed', action: action.type, text });
    return { action: action.type, ok: false, changed: false, text };
  }
}

async function perform(tx: Tx, conversation: ConversationRow, options: PerformOptions): Promise<ActionResult> {
  const { action, rule } = options;
  const change = (input: UpdateConversationRequest & { team?: string | null }) =>
    changeConversation(tx, conversation, options, input);
  switch (action.type) {
    case 'set_priority':
      return change({ priority: action.priority });
    case 'set_flag':
      return change({ flags: [...new Set([...conversation.flags, action.flag])] });
    case 'clear_flag':
      return change({ flags: conversation.flags.filter((flag) => flag !== action.flag) });
    case 'add_tags':
      return change({ tags: [...new Set([...conversation.tags, ...action.tags])] });
    case 'remove_tags':
      return change({ tags: conversation.tags.filter((tag) => !action.tags.includes(tag)) });
    case 'escalate_tier':
      if (conversation.tier >= 3) return unchanged(action.type, 'already at tier 3');
      return change({ tier: conversation.tier + 1 });
    case 'assign_agent':
      return change({ assigneeId: action.agentId });
    case 'assign_team':
      return change({ team: action.team });
    case 'assign_automatically': {
      const work = options.context.deps.assignAutomatically;
      if (!work) return noteOnly(tx, conversation, rule, action.type, 'automatic routing is not available', false);
      const choice = await work(tx, { clientId: conversation.client_id, conversationId: conversation.id });
      if ('queued' in choice)
        return noteOnly(tx, conversation, rule, action.type, `left in the queue: ${choice.reason}`);
      return change({ assigneeId: choice.agentId });
    }
    case 'notify':
      return notify(tx, conversation, options, action);
    case 'send_reply':
      return sendReply(tx, conversation, options, action.body);
    case 'escalate_to_client': {
      const work = options.context.deps.escalateToClient;
      if (!work)
        return noteOnly(tx, conversation, rule, action.type, 'escalation to the client is not available', false);
      const { escalationId } = await work(
        tx,
        {
          clientId: conversation.client_id,
          conversationId: conversation.id,
          question: action.question,
          requestedBy: ruleActorName(rule),
        },
        options.context.reactions,
      );
      return noteOnly(tx, conversation, rule, action.type, `escalated to the client (${escalationId})`);
    }
  }
}

const ruleActorName = (rule: RuleRow) => `Rule "${rule.name}"`;

const ruleActor = (rule: RuleRow): ChangeActor => ({
  audit: 'system',
  authorType: 'system',
  authorId: null,
  name: ruleActorName(rule),
  activity: { via: 'rule', ruleId: rule.id, ruleName: rule.name },
  auditData: { ruleId: rule.id, ruleName: rule.name },
});

const unchanged = (action: RuleAction['type'], text: string): ActionResult => ({
  action,
  ok: true,
  changed: false,
  text,
});

async function changeConversation(
  tx: Tx,
  conversation: ConversationRow,
  options: PerformOptions,
  input: UpdateConversationRequest & { team?: string | null },
): Promise<ActionResult> {
  const { rule, chain } = options;
  const action = options.action.type;
  const { changes, deskEvents } = await applyConversationChanges(
    tx,
    conversation,
    input,
    ruleActor(rule),
    options.context.reactions,
  );
  // An SLA breach this change caused (e.g. a rule resolving late) is announced with the rule's other events.
  chain.push(...deskEvents);
  if (changes.length === 0) return unchanged(action, 'nothing to change');
  const result: ActionResult = { action, ok: true, changed: true, text: changes.map((c) => c.text).join('; ') };
  if (changes.some((c) => c.action === 'assign')) result.assignedTo = input.assigneeId ?? null;
  return result;
}

/** A timeline line for an action that changes no property of the conversation. */
async function timeline(
  tx: Tx,
  rule: RuleRow,
  clientId: string,
  conversationId: string,
  entry: { kind: string; action: RuleAction['type']; text: string; detail?: Record<string, unknown> },
) {
  await appendTimelineEntries(tx, [
    {
      clientId,
      conversationId,
      kind: 'activity',
      author: { type: 'system', name: ruleActorName(rule) },
      text: `${ruleActorName(rule)}: ${entry.text}`,
      activity: {
        action: `rule_${entry.kind}`,
        ruleAction: entry.action,
        via: 'rule',
        ruleId: rule.id,
        ruleName: rule.name,
        text: entry.text,
        ...entry.detail,
      },
    },
  ]);
}

async function noteOnly(
  tx: Tx,
  conversation: ConversationRow,
  rule: RuleRow,
  action: RuleAction['type'],
  text: string,
  ok = true,
): Promise<ActionResult> {
  await timeline(tx, rule, conversation.client_id, conversation.id, { kind: ok ? 'done' : 'failed', action, text });
  return { action, ok, changed: ok, text };
}

async function notify(
  tx: Tx,
  conversation: ConversationRow,
  options: PerformOptions,
  action: Extract<RuleAction, { type: 'notify' }>,
): Promise<ActionResult> {
  const { rule } = options;
  const recipients = await findRecipients(tx, conversation.client_id, {
    assigneeId: action.recipients.includes('assignee') ? conversation.assignee_id : null,
    supervisors: action.recipients.includes('supervisors'),
    ids: action.recipients.filter((r) => r !== 'assignee' && r !== 'supervisors'),
  });
  if (recipients.length === 0) return noteOnly(tx, conversation, rule, action.type, 'nobody to notify');
  const text = fillPlaceholders(action.message, placeholderValues(conversation));
  await insertNotifications(
    tx,
    recipients.map((recipient) => ({
      clientId: conversation.client_id,
      recipientId: recipient.id,
      conversationId: conversation.id,
      ruleId: rule.id,
      text,
    })),
  );
  for (const recipient of recipients) {
    options.chain.push({
      type: 'notification.created',
      clientId: conversation.client_id,
      conversationId: conversation.id,
      recipientId: recipient.id,
    });
  }
  const names = recipients.map((r) => r.name).join(', ');
  await timeline(tx, rule, conversation.client_id, conversation.id, {
    kind: 'notified',
    action: action.type,
    text: `notified ${names}`,
    detail: { names },
  });
  return { action: action.type, ok: true, changed: true, text: `notified ${names}` };
}

const replyEveryMs = 3600_000;

async function sendReply(
  tx: Tx,
  conversation: ConversationRow,
  options: PerformOptions,
  template: string,
): Promise<ActionResult> {
  const { rule } = options;
  if (replyChannelOf(options.context.reactions, conversation.channel).refuses)
    return unchanged('send_reply', `a ${conversation.channel} conversation takes no written reply`);
  // A customer (or their mail robot) writing back must not make the rule answer again and again.
  if (await ruleRepliedSince(tx, conversation.client_id, conversation.id, rule.id, new Date(Date.now() - replyEveryMs)))
    return unchanged('send_reply', 'already answered by this rule within the hour');
  const body = fillPlaceholders(template, placeholderValues(conversation)).trim();
  const { deskEvents } = await writeMessage(tx, conversation, {
    input: { kind: 'reply', body, visibleToClient: true },
    reactions: options.context.reactions,
    author: { type: 'system', id: null, name: ruleActorName(rule) },
    audit: 'system',
    auditData: { ruleId: rule.id, ruleName: rule.name },
    activity: { via: 'rule', ruleId: rule.id, ruleName: rule.name },
  });
  options.chain.push(...deskEvents);
  return { action: 'send_reply', ok: true, changed: true, text: 'sent a reply to the customer' };
}

export const placeholderValues = (conversation: ConversationRow, agentName?: string) => ({
  customerName: conversation.contact_name,
  agentName: agentName ?? conversation.assignee_name ?? '',
  clientName: conversation.client_name,
  conversationNumber: String(conversation.number),
});
