import type { RuleCondition } from '@switchboard/contracts';
import type { TFunction } from 'i18next';
import type { AnyAction } from './rule-parts';

/** Persian lists take the Arabic comma. */
const listOf = (values: readonly (string | number)[], t: TFunction) => values.join(t('listSeparator'));

/** "Words in the message contains any of: urgent, asap" — a condition read back in the user's language. */
export const conditionText = (condition: RuleCondition, t: TFunction, tCommon: TFunction): string => {
  const head = `${t(`conditions.type.${condition.type}`)} ${t(`conditions.op.${condition.op}`)}`;
  switch (condition.type) {
    case 'channel':
      return `${head}: ${listOf(
        condition.values.map((v) => tCommon(`channel.${v}`)),
        t,
      )}`;
    case 'priority':
      return `${head}: ${listOf(
        condition.values.map((v) => tCommon(`priority.${v}`)),
        t,
      )}`;
    case 'tier':
      return `${head}: ${listOf(condition.values, t)}`;
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
      return `${head}: ${listOf(condition.values, t)}`;
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
      return `${head}: ${listOf(action.tags, t)}`;
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
