import type { Message } from '@switchboard/contracts';
import type { TFunction } from 'i18next';

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
  const author = message.author.name;
  const action = typeof activity?.action === 'string' ? activity.action : undefined;
  if (!activity || !action) return message.bodyText || t('activity.generic', { author, action: '' });
  // SLA events are written by the system with the metric and due time; they read in the reader's language.
  if (action === 'sla.warning' || action === 'sla.breach') {
    const metric = t(`sla:metric.${String(activity.metric)}`);
    const time = typeof activity.dueAt === 'string' ? formatTime(activity.dueAt) : '';
    return t(`sla:activity.${action === 'sla.warning' ? 'warning' : 'breach'}`, { metric, time });
  }
  const from = valueText(action, activity.from, t);
  const to = valueText(action, activity.to ?? activity.toName, t);
  const key = `activity.${action}`;
  return t(key, { author, from, to, defaultValue: message.bodyText || t('activity.generic', { author, action }) });
};
