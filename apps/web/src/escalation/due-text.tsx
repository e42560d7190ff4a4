import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { useNow } from '../format/use-now';

/** "answer due in 21 h" or "overdue by 3 h", with the exact time on hover. */
export const DueText = ({ dueAt }: { dueAt: string }) => {
  const { t } = useTranslation('escalation');
  const format = useFormat();
  const now = useNow();
  const overdue = new Date(dueAt).getTime() <= now;
  const span = overdue
    ? format.elapsed(dueAt, now)
    : format.elapsed(new Date(now).toISOString(), new Date(dueAt).getTime());
  return (
    <Text size="xs" c={overdue ? 'red' : 'dimmed'} title={format.dateTime(dueAt)} data-testid="escalation-due">
      {overdue ? t('due.overdue', { span }) : t('due.in', { span })}
    </Text>
  );
};
