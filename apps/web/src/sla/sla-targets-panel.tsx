import { Group, Stack, Text } from '@mantine/core';
import type { ConversationDetail, ConversationSlaTarget } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconAlertTriangle, IconCheck, IconClock } from '../ui/icons';
import { slaColor, slaStateOf } from './sla-state';
import { useSecond } from './use-second';

const minutesText = (minutes: number, fa: boolean, number: (value: number) => string) => {
  const units = fa ? { d: ' روز', h: ' ساعت', m: ' دقیقه' } : { d: 'd', h: 'h', m: 'm' };
  if (minutes % 1440 === 0) return `${number(minutes / 1440)}${units.d}`;
  if (minutes % 60 === 0) return `${number(minutes / 60)}${units.h}`;
  return minutes > 60
    ? `${number(Math.floor(minutes / 60))}${units.h} ${number(minutes % 60)}${units.m}`
    : `${number(minutes)}${units.m}`;
};

const TargetLine = ({ target }: { target: ConversationSlaTarget }) => {
  const { t, i18n } = useTranslation('sla');
  const format = useFormat();
  const now = useSecond();
  const state = target.metAt ? (target.breached ? 'breached' : 'ok') : slaStateOf(target, now);
  const Icon = target.metAt ? IconCheck : state === 'breached' ? IconAlertTriangle : IconClock;
  const detail = target.metAt
    ? t(target.breached ? 'pane.metLate' : 'pane.met', { time: format.smart(target.metAt) })
    : target.paused || !target.dueAt
      ? t('pane.pausedNow')
      : t('pane.due', { time: format.smart(target.dueAt) });
  return (
    <Group
      gap={6}
      wrap="nowrap"
      align="flex-start"
      data-testid="sla-target"
      data-metric={target.metric}
      data-sla-state={state}
    >
      <Icon size={14} color={`var(--mantine-color-${slaColor[state].replace('.', '-')})`} style={{ marginTop: 2 }} />
      <Stack gap={0}>
        <Text size="xs" fw={600}>
          {t(`metric.${target.metric}`)}{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            ({t('pane.target', { time: minutesText(target.minutes, i18n.language === 'fa', format.number) })})
          </Text>
        </Text>
        <Text size="xs" c={slaColor[state]}>
          {detail}
        </Text>
      </Stack>
    </Group>
  );
};

/** Every SLA target of the conversation: met (on time or late), running, or paused. */
export const SlaTargetsPanel = ({ conversation }: { conversation: ConversationDetail }) => (
  <Stack gap={8} data-testid="sla-targets">
    {conversation.slaTargets.map((target) => (
      <TargetLine key={`${target.metric}-${target.startedAt}`} target={target} />
    ))}
  </Stack>
);
