import type { Message } from '@switchboard/contracts';
import type { TFunction } from 'i18next';

/** Timeline entries written by rules and macros (automation slice). */
const automationKeys: Record<string, string> = {
  rule_notified: 'automation:timeline.notified',
  rule_done: 'automation:timeline.done',
  rule_failed: 'automation:timeline.failed',
  macro: 'automation:timeline.macro',
  team: 'automation:timeline.team',
};

const translatable: Record<string, string> = { status: 'status', priority: 'priority', channel: 'channel' };

/** Activity values arrive as ids, names or small objects; show whatever a person can read. */
const valueText = (action: string, value: unknown, t: TFunction): string => {
  if (value === null || value === undefined || value === '') return t('activity.nobody');
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') return value.name;
  const text = String(value);
  const namespace = translatable[action];
  return namespace ? t(`${namespace}.${text}`, { defaultValue: text }) : text;
};

/** "Agent One changed status open → resolved", from the structured activity the server records. */
export const activityText = (
  message: Pick<Message, 'activity' | 'author' | 'bodyText'>,
  t: TFunction,
  formatTime: (iso: string) => string = (iso) => iso,
): string => {
  const activity = message.activity;
  const action = typeof activity?.action === 'string' ? activity.action : undefined;
  // Changes made by an automation rule are attributed to the rule, in the reader's language.
  const author =
    activity?.via === 'rule' && typeof activity.ruleName === 'string'
      ? t('automation:timeline.rule', { name: activity.ruleName })
      : message.author.name;
  if (!activity || !action) return message.bodyText || t('activity.generic', { author, action: '' });
  const automationKey = automationKeys[action];
  if (automationKey) {
    return t(automationKey, {
      author,
      names: activity.names,
      text: activity.text,
      name: activity.macroName,
      to: activity.to,
      defaultValue: message.bodyText,
    });
  }
  // Call lines (phone slice) carry the call's outcome; they read in the reader's language and digits.
  if (action.startsWith('call.')) return callActivityText(action, activity, t, message.bodyText);
  // SLA events are written by the system with the metric and due time; they read in the reader's language.
  if (action === 'sla.warning' || action === 'sla.breach') {
    const metric = t(`sla:metric.${String(activity.metric)}`);
    const time = typeof activity.dueAt === 'string' ? formatTime(activity.dueAt) : '';
    return t(`sla:activity.${action === 'sla.warning' ? 'warning' : 'breach'}`, { metric, time });
  }
  const from = valueText(action, activity.from, t);
  const to = valueText(action, activity.to ?? activity.toName, t);
  const key = `activity.${action}`;
  const reason = typeof activity.reason === 'string' ? activity.reason : '';
  return t(key, {
    author,
    from,
    to,
    reason,
    defaultValue: message.bodyText || t('activity.generic', { author, action }),
  });
};

/** The phone's timeline lines: a call ended, a callback task opened or grew, a call result filed. */
const callActivityText = (action: string, activity: Record<string, unknown>, t: TFunction, fallback: string) => {
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  if (action === 'call.ended') {
    const seconds = typeof activity.durationSeconds === 'number' ? activity.durationSeconds : null;
    const state = t(`phone:activity.ended.${String(activity.state)}`, { defaultValue: fallback });
    if (seconds === null) return state;
    return t('phone:activity.withDuration', {
      state,
      minutes: Math.floor(seconds / 60),
      seconds: seconds % 60,
    });
  }
  if (action === 'call.callback')
    return t('phone:activity.callback', { count: number(activity.missedCalls), defaultValue: fallback });
  if (action === 'call.result') {
    const lines = [t('phone:activity.result', { result: t(`phone:result.${String(activity.result)}`) })];
    if (typeof activity.notes === 'string' && activity.notes) lines.push(activity.notes);
    if (typeof activity.nextAction === 'string' && activity.nextAction)
      lines.push(t('phone:activity.next', { action: activity.nextAction }));
    return lines.join('\n');
  }
  return fallback;
};
