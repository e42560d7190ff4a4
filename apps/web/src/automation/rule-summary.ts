import type { RuleCondition } from '@switchboard/contracts';
import type { TFunction } from 'i18next';
import type { AnyAction } from './rule-parts';

/** "Words in the message contains any of: urgent, asap" — a condition read back in the user's language. */
export const conditionText = (condition: RuleCondition, t: TFunction, tCommon: TFunction): string => {
  const head = `${t(`conditions.type.${condition.type}`)} ${t(`conditions.op.${condition.op}`)}`;
  switch (condition.type) {
    case 'channel':
      return `${head}: ${condition.values.map((v) => tCommon(`channel.${v}`)).join('، ')}`;
    case 'priority':
      return `${head}: ${condition.values.map((v) => tCommon(`priority.${v}`)).join('، ')}`;
    case 'tier':
      return `${head}: ${condition.values.join(', ')}`;
    case 'schedule':
      return `${head}: ${condition.windows
        .map((w) => `${w.days.map((d) => t(`weekday.${d}`)).join(' ')} ${w.from}–${w.to}`)
        .join('; ')}`;
    case 'age':
      return `${head} ${condition.minutes} ${t('conditions.minutes')}`;
    case 'assignee':
      return head;
    case 'client':
      return `${head} (${condition.values.length})`;
    default:
      return `${head}: ${condition.values.join(', ')}`;
  }
};

/** "Set priority: Urgent" — an action read back. */
export const actionText = (action: AnyAction, t: TFunction, tCommon: TFunction, nameOf: (id: string) => string) => {
  const head = t(`actions.type.${action.type}`);
  switch (action.type) {
    case 'set_priority':
      return `${head}: ${tCommon(`priority.${action.priority}`)}`;
    case 'set_status':
      return `${head}: ${tCommon(`status.${action.status}`)}`;
    case 'set_flag':
    case 'clear_flag':
      return `${head}: ${action.flag}`;
    case 'add_tags':
    case 'remove_tags':
      return `${head}: ${action.tags.join(', ')}`;
    case 'assign_agent':
      return `${head}: ${nameOf(action.agentId)}`;
    case 'assign_team':
      return `${head}: ${action.team}`;
    case 'notify':
      return `${head}: ${action.recipients
        .map((r) => (r === 'assignee' || r === 'supervisors' ? t(`actions.${r}`) : nameOf(r)))
        .join(', ')}`;
    default:
      return head;
  }
};
