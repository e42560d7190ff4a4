import {
  type AutomationEventType,
  type MacroAction,
  RuleAction,
  RuleCondition,
  type RuleConditionType,
} from '@switchboard/contracts';

export const eventTypes: AutomationEventType[] = [
  'conversation.created',
  'message.received',
  'assignment.changed',
  'sla.warning',
  'sla.breached',
  'escalation.answered',
];

/** Conditions in the order the form offers them; `client` only on agency-wide rules. */
export const conditionTypes: RuleConditionType[] = [
  'words',
  'channel',
  'priority',
  'tags',
  'flags',
  'customer',
  'assignee',
  'schedule',
  'age',
  'tier',
  'client',
];

/** The operators a condition allows, read from the contract so the form never offers what the server refuses. */
export const operatorsOf = (type: RuleConditionType): string[] => {
  const option = RuleCondition.options.find((candidate) => candidate.shape.type.value === type);
  return option ? [...option.shape.op.options] : [];
};

export const defaultCondition = (type: RuleConditionType): RuleCondition => {
  switch (type) {
    case 'words':
      return { type, op: 'contains_any', values: [] as unknown as [string] };
    case 'channel':
      return { type, op: 'is', values: ['email'] };
    case 'priority':
      return { type, op: 'is', values: ['urgent'] };
    case 'tier':
      return { type, op: 'is', values: [1] };
    case 'tags':
    case 'flags':
      return { type, op: 'has_any', values: [] as unknown as [string] };
    case 'customer':
      return { type, op: 'email_domain_is', values: [] as unknown as [string] };
    case 'assignee':
      return { type, op: 'unassigned' };
    case 'schedule':
      return { type, op: 'outside', windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }] };
    case 'age':
      return { type, op: 'older_than', minutes: 60 };
    case 'client':
      return { type, op: 'is', values: [] as unknown as [string] };
  }
};

export type AnyAction = RuleAction | MacroAction;
export type AnyActionType = AnyAction['type'];

export const ruleActionTypes: RuleAction['type'][] = RuleAction.options.map((option) => option.shape.type.value);

export const macroActionTypes: MacroAction['type'][] = [
  'set_priority',
  'set_status',
  'set_flag',
  'clear_flag',
  'add_tags',
  'remove_tags',
  'assign_agent',
  'assign_team',
  'escalate_tier',
];

export const defaultAction = (type: AnyActionType): AnyAction => {
  switch (type) {
    case 'set_priority':
      return { type, priority: 'urgent' };
    case 'set_status':
      return { type, status: 'pending' };
    case 'set_flag':
    case 'clear_flag':
      return { type, flag: 'emergency' };
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] as unknown as [string] };
    case 'assign_agent':
      return { type, agentId: '' };
    case 'assign_team':
      return { type, team: '' };
    case 'assign_automatically':
    case 'escalate_tier':
      return { type };
    case 'notify':
      return { type, recipients: ['assignee'], message: '' };
    case 'send_reply':
      return { type, body: '' };
    case 'escalate_to_client':
      return { type, question: '' };
  }
};

/** The placeholders a reply or message may use; filled as the knowledge base fills them. */
export const placeholders = [
  '{{customer.name}}',
  '{{customer.first_name}}',
  '{{agent.first_name}}',
  '{{client.name}}',
  '{{conversation.number}}',
];
