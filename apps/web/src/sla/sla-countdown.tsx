import { Group, Text, Tooltip } from '@mantine/core';
import type { ConversationSlaSummary } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconAlertTriangle, IconClock } from '../ui/icons';
import { countdownText, slaColor, slaStateOf } from './sla-state';
import { useSecond } from './use-second';

/** Time left to the conversation's next SLA target, ticking every second, coloured by urgency. */
export const SlaCountdown = ({ sla }: { sla: ConversationSlaSummary | null }) => {
  const { t, i18n } = useTranslation('sla');
  const format = useFormat();
  const now = useSecond();
  if (!sla)
    return (
      <Text size="xs" c="dimmed" data-testid="sla-countdown" data-sla-state="none">
        —
      </Text>
    );
  const state = slaStateOf(sla, now);
  const metric = t(`metric.${sla.metric}`);
  if (state === 'paused' || !sla.dueAt) {
    return (
      <Tooltip label={t('pausedHint')} withinPortal>
        <Text
          size="xs"
          c={slaColor.paused}
          data-testid="sla-countdown"
          data-sla-state="paused"
          style={{ whiteSpace: 'nowrap' }}
        >
          {t('paused')}
        </Text>
      </Tooltip>
    );
  }
  const left = Date.parse(sla.dueAt) - now;
  const fa = i18n.language === 'fa';
  const units = fa ? { d: ' روز', h: ' ساعت', m: ' دقیقه' } : { d: 'd', h: 'h', m: 'm' };
  const text = countdownText(left, format.number, units, fa);
  const at = format.dateTime(sla.dueAt);
  const label =
    state === 'breached'
      ? t('overdue', { metric, time: countdownText(left, format.number, units), at })
      : t('dueIn', { metric, time: countdownText(left, format.number, units), at });
  const Icon = state === 'breached' ? IconAlertTriangle : IconClock;
  return (
    <Tooltip label={label} withinPortal>
      <Group
        gap={3}
        wrap="nowrap"
        data-testid="sla-countdown"
        data-sla-state={state}
        data-due-at={sla.dueAt}
        aria-label={label}
      >
        <Icon size={13} color={`var(--mantine-color-${slaColor[state].replace('.', '-')})`} />
        <Text
          size="xs"
          fw={700}
          c={slaColor[state]}
          style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
        >
          {state === 'breached' ? `−${text}` : text}
        </Text>
      </Group>
    </Tooltip>
  );
};
