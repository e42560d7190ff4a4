import { Badge, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import type { QueueAgent, QueueConversation } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { ChannelIcon } from '../ui/channel-icon';
import { clientColor } from '../ui/client-badge';
import { presenceColor } from './presence-switch';

type QueueCardProps = {
  conversation: QueueConversation;
  agents: readonly QueueAgent[];
  now: number;
  onMove: (conversation: QueueConversation, agentId: string | null) => void;
};

/** One conversation on the board: dragged to an agent, or moved with the keyboard through "Move to…". */
export const QueueCard = ({ conversation, agents, now, onMove }: QueueCardProps) => {
  const { t } = useTranslation('routing');
  const format = useFormat();
  const candidates = agents.filter(
    (agent) => agent.clientIds.includes(conversation.client.id) && agent.id !== conversation.assigneeId,
  );
  const slaMinutes = conversation.slaDueAt ? Math.round((Date.parse(conversation.slaDueAt) - now) / 60_000) : null;
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData('application/x-switchboard-conversation', conversation.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      style={{
        cursor: 'grab',
        borderInlineStart: `3px solid var(--mantine-color-${conversation.emergency ? 'red' : clientColor(conversation.client.name)}-6)`,
      }}
      data-testid="queue-card"
      data-conversation-id={conversation.id}
      aria-label={t('board.cardLabel', {
        client: conversation.client.name,
        number: conversation.number,
        subject: conversation.subject,
      })}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <ChannelIcon channel={conversation.channel} size={14} />
            <Text size="xs" fw={600} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {conversation.client.prefix} #{format.number(conversation.number)}
            </Text>
          </Group>
          {conversation.waitingSince && (
            <Text size="xs" c="dimmed" title={format.dateTime(conversation.waitingSince)}>
              {format.elapsed(conversation.waitingSince, now)}
            </Text>
          )}
        </Group>
        <Text size="sm" lineClamp={1} fw={500}>
          {conversation.subject || t('board.noSubject')}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {conversation.contactName}
        </Text>
        <Group gap={4} justify="space-between" wrap="nowrap">
          <Group gap={4}>
            {conversation.emergency && (
              <Badge size="xs" color="red" variant="filled">
                {t('board.emergency')}
              </Badge>
            )}
            {conversation.priority !== 'normal' && (
              <Badge size="xs" variant="light" color={conversation.priority === 'low' ? 'gray' : 'orange'}>
                {t(`priority.${conversation.priority}`)}
              </Badge>
            )}
            <Badge size="xs" variant="outline" color="gray">
              {t('board.tier', { tier: conversation.tier })}
            </Badge>
            {slaMinutes !== null && (
              <Badge
                size="xs"
                variant="light"
                color={slaMinutes < 0 ? 'red' : slaMinutes < 5 ? 'orange' : 'teal'}
                data-testid="sla-countdown"
              >
                {t('board.sla', { minutes: format.number(slaMinutes) })}
              </Badge>
            )}
            {conversation.preferredAgent && !conversation.assigneeId && (
              <Badge size="xs" variant="dot" color="indigo" style={{ textTransform: 'none' }}>
                {t('board.familiar', { name: conversation.preferredAgent.name })}
              </Badge>
            )}
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="subtle" data-testid="queue-card-move">
                {t('board.moveTo')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('board.moveTo')}</Menu.Label>
              {candidates.map((agent) => (
                <Menu.Item
                  key={agent.id}
                  onClick={() => onMove(conversation, agent.id)}
                  leftSection={<Badge size="xs" circle color={presenceColor[agent.presence]} />}
                  data-testid="queue-move-agent"
                >
                  {agent.name}
                </Menu.Item>
              ))}
              {candidates.length === 0 && <Menu.Label>{t('board.nobodyElse')}</Menu.Label>}
              {conversation.assigneeId && (
                <>
                  <Menu.Divider />
                  <Menu.Item onClick={() => onMove(conversation, null)}>{t('board.backToQueue')}</Menu.Item>
                </>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Stack>
    </Paper>
  );
};
