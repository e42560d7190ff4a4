import { Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { useNow } from '../format/use-now';

const warnAfterMs = 15 * 60_000;
const alarmAfterMs = 60 * 60_000;

/** How long the customer has waited for us, ticking live; colour rises as it grows. */
export const WaitingTime = ({ since }: { since: string | null }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  if (!since)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  const waited = now - new Date(since).getTime();
  const color = waited > alarmAfterMs ? 'red.7' : waited > warnAfterMs ? 'orange.7' : 'dimmed';
  return (
    <Tooltip label={t('desk.waitingSince', { time: format.dateTime(since) })} withinPortal>
      <Text size="xs" fw={600} c={color} style={{ whiteSpace: 'nowrap' }} data-testid="waiting-time">
        {format.elapsed(since, now)}
      </Text>
    </Tooltip>
  );
};
