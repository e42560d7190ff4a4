import { Group, Text } from '@mantine/core';
import type { ConversationSummary } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { SlaCountdown } from '../sla/sla-countdown';
import { ChannelIcon } from '../ui/channel-icon';
import { ClientBadge } from '../ui/client-badge';
import { DisplayNumber } from '../ui/display-number';
import { IconFlag } from '../ui/icons';
import { PriorityBadge, StatusBadge } from '../ui/status-badge';
import { WaitingTime } from '../ui/waiting-time';
import classes from './conversation-row.module.css';

type ConversationRowProps = {
  conversation: ConversationSummary;
  index: number;
  selected: boolean;
  open: boolean;
  compact: boolean;
  onSelect: (index: number) => void;
  onOpen: (conversation: ConversationSummary) => void;
};

export const ConversationRow = ({
  conversation,
  index,
  selected,
  open,
  compact,
  onSelect,
  onOpen,
}: ConversationRowProps) => {
  const { t } = useTranslation();
  const c = conversation;
  const unassigned = !c.assignee;

  return (
    // The list is driven by j/k and Enter at desk level, so rows are options rather than tab stops.
    <div
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      data-index={index}
      data-testid="conversation-row"
      data-conversation-id={c.id}
      data-open={open || undefined}
      className={compact ? classes.compactRow : classes.row}
      onMouseDown={() => onSelect(index)}
      onClick={() => onOpen(c)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(c);
      }}
    >
      {compact ? (
        <>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Group gap={6} wrap="nowrap" miw={0}>
              <ChannelIcon channel={c.channel} size={16} />
              <ClientBadge client={c.client} />
              <Text size="xs" c="dimmed" className={classes.number}>
                <DisplayNumber number={c.number} />
              </Text>
              {c.priority !== 'normal' && <PriorityBadge priority={c.priority} />}
            </Group>
            <Group gap={8} wrap="nowrap">
              <SlaCountdown sla={c.sla} />
              <WaitingTime since={c.waitingSince} />
            </Group>
          </Group>
          <Text size="sm" fw={600} truncate="end" mt={4} dir="auto" className="user-text">
            {c.subject || t('desk.noSubject')}
          </Text>
          <Text size="xs" c="dimmed" truncate="end" dir="auto" className="user-text">
            <Text span size="xs" fw={500} c="gray.7">
              {c.contact.name}
            </Text>
            {c.preview ? ` · ${c.preview}` : ''}
          </Text>
        </>
      ) : (
        <>
          <Group gap={6} wrap="nowrap" miw={0}>
            <ClientBadge client={c.client} />
            <Text size="xs" c="dimmed" className={classes.number}>
              <DisplayNumber number={c.number} />
            </Text>
          </Group>
          <ChannelIcon channel={c.channel} />
          <Text size="sm" fw={500} truncate="end" dir="auto" className="user-text">
            {c.contact.name}
          </Text>
          <div className={classes.subjectCell}>
            <Group gap={6} wrap="nowrap">
              {c.flags.length > 0 && (
                <IconFlag size={14} color="var(--mantine-color-red-6)" aria-label={c.flags.join(', ')} />
              )}
              <Text size="sm" fw={600} truncate="end" dir="auto" className="user-text">
                {c.subject || t('desk.noSubject')}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" truncate="end" dir="auto" className="user-text">
              {c.preview}
            </Text>
          </div>
          <SlaCountdown sla={c.sla} />
          <WaitingTime since={c.waitingSince} />
          <PriorityBadge priority={c.priority} />
          <StatusBadge status={c.status} />
          <Text size="xs" truncate="end" c={unassigned ? 'dimmed' : undefined} fs={unassigned ? 'italic' : undefined}>
            {c.assignee?.name ?? t('desk.unassigned')}
          </Text>
        </>
      )}
    </div>
  );
};
