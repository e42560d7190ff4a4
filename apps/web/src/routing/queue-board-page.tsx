import { Badge, Group, Paper, Progress, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { QueueAgent, QueueConversation } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateConversation } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';
import { useFormat } from '../format/use-format';
import { useNow } from '../format/use-now';
import { ErrorAlert } from '../ui/error-alert';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { presenceColor } from './presence-switch';
import { QueueCard } from './queue-card';
import { getQueueBoard } from './routing-api';

const dragType = 'application/x-switchboard-conversation';

/**
 * The supervisor's live queue: what waits (per client and tier, oldest first), who is there and how
 * full they are. Conversations move by drag and drop or, from the keyboard, with each card's "Move to…".
 * The desk WebSocket invalidates the board on every change, so it stays live without polling.
 */
export const QueueBoardPage = () => {
  const { t } = useTranslation('routing');
  const format = useFormat();
  const now = useNow();
  const queryClient = useQueryClient();
  const board = useQuery({ queryKey: queryKeys.queueBoard, queryFn: getQueueBoard });
  const move = useMutation({
    mutationFn: ({ conversation, agentId }: { conversation: QueueConversation; agentId: string | null }) =>
      updateConversation(conversation.id, { assigneeId: agentId }),
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueBoard });
      notifySuccess(
        detail.assignee
          ? t('board.moved', { number: detail.number, name: detail.assignee.name })
          : t('board.returned', { number: detail.number }),
      );
    },
    onError: notifyError,
  });
  if (board.isPending) return <PageLoader />;
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  const { waiting, agents, summary } = board.data;
  const byId = new Map([...waiting, ...agents.flatMap((a) => a.conversations)].map((c) => [c.id, c]));
  const onMove = (conversation: QueueConversation, agentId: string | null) => move.mutate({ conversation, agentId });
  const dropTo = (agentId: string | null) => (event: DragEvent) => {
    event.preventDefault();
    const conversation = byId.get(event.dataTransfer.getData(dragType));
    if (conversation && conversation.assigneeId !== agentId) onMove(conversation, agentId);
  };
  const online = agents.filter((a) => a.presence === 'online').length;

  return (
    <Stack gap="md" p="md" h="100%" data-testid="queue-board">
      <Group justify="space-between">
        <Title order={2}>{t('board.title')}</Title>
        <Group gap="xs">
          <Badge size="lg" variant="light" data-testid="board-waiting-total">
            {t('board.waitingTotal', { count: board.data.waitingTotal, n: format.number(board.data.waitingTotal) })}
          </Badge>
          <Badge size="lg" variant="light" color="teal">
            {t('board.onlineCount', { n: format.number(online), total: format.number(agents.length) })}
          </Badge>
        </Group>
      </Group>
      {summary.length > 0 && (
        <Table withTableBorder striped maw={720} data-testid="board-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('board.client')}</Table.Th>
              <Table.Th>{t('board.tierHeader')}</Table.Th>
              <Table.Th>{t('board.waiting')}</Table.Th>
              <Table.Th>{t('board.oldest')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.map((row) => (
              <Table.Tr key={`${row.client.id}:${row.tier}`}>
                <Table.Td>{row.client.name}</Table.Td>
                <Table.Td>{t('board.tier', { tier: row.tier })}</Table.Td>
                <Table.Td>{format.number(row.waiting)}</Table.Td>
                <Table.Td>{row.oldestWaitingSince ? format.elapsed(row.oldestWaitingSince, now) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Column
          title={t('board.queue')}
          testId="board-column-queue"
          onDrop={dropTo(null)}
          footer={
            board.data.waitingTotal > waiting.length
              ? t('board.more', { n: format.number(board.data.waitingTotal - waiting.length) })
              : undefined
          }
        >
          {waiting.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('board.empty')}
            </Text>
          )}
          {waiting.map((conversation) => (
            <QueueCard key={conversation.id} conversation={conversation} agents={agents} now={now} onMove={onMove} />
          ))}
        </Column>
        <ScrollArea style={{ flex: 1 }} type="auto">
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
            {agents.map((agent) => (
              <AgentColumn
                key={agent.id}
                agent={agent}
                agents={agents}
                now={now}
                onMove={onMove}
                onDrop={dropTo(agent.id)}
              />
            ))}
          </SimpleGrid>
        </ScrollArea>
      </Group>
    </Stack>
  );
};

type ColumnProps = {
  title: ReactNode;
  testId: string;
  onDrop: (event: DragEvent) => void;
  footer?: string | undefined;
  children: ReactNode;
};

const Column = ({ title, testId, onDrop, footer, children }: ColumnProps) => {
  const [over, setOver] = useState(false);
  return (
    <Paper
      withBorder
      p="sm"
      w={320}
      bg={over ? 'indigo.0' : 'gray.0'}
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        onDrop(event);
      }}
      data-testid={testId}
    >
      <Text fw={600} mb="xs">
        {title}
      </Text>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap="xs">{children}</Stack>
      </ScrollArea>
      {footer && (
        <Text size="xs" c="dimmed" mt="xs">
          {footer}
        </Text>
      )}
    </Paper>
  );
};

type AgentColumnProps = {
  agent: QueueAgent;
  agents: readonly QueueAgent[];
  now: number;
  onMove: (conversation: QueueConversation, agentId: string | null) => void;
  onDrop: (event: DragEvent) => void;
};

const AgentColumn = ({ agent, agents, now, onMove, onDrop }: AgentColumnProps) => {
  const { t } = useTranslation('routing');
  const format = useFormat();
  const [over, setOver] = useState(false);
  return (
    <Paper
      withBorder
      p="sm"
      bg={over ? 'indigo.0' : undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        onDrop(event);
      }}
      data-testid="board-agent"
      data-agent-id={agent.id}
      aria-label={agent.name}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" circle color={presenceColor[agent.presence]} aria-hidden />
            <Text fw={600} size="sm">
              {agent.name}
            </Text>
          </Group>
          <Group gap={4}>
            <Badge size="xs" variant="outline" color="gray">
              {t('board.tier', { tier: agent.tier })}
            </Badge>
            <Badge size="xs" variant="light" color={presenceColor[agent.presence]} data-testid="board-agent-presence">
              {t(`presence.${agent.presence}`)}
            </Badge>
          </Group>
        </Group>
        {(['email', 'chat', 'phone'] as const).map((channel) => (
          <Group key={channel} gap="xs" wrap="nowrap">
            <Text size="xs" w={56} c="dimmed">
              {t(`channel.${channel}`)}
            </Text>
            <Progress
              style={{ flex: 1 }}
              size="sm"
              value={agent.capacity[channel] === 0 ? 0 : (100 * agent.load[channel]) / agent.capacity[channel]}
              color={agent.load[channel] >= agent.capacity[channel] ? 'red' : 'indigo'}
              aria-label={t(`channel.${channel}`)}
            />
            <Text size="xs" w={44} ta="end" data-testid={`board-load-${channel}`}>
              {format.number(agent.load[channel])}/{format.number(agent.capacity[channel])}
            </Text>
          </Group>
        ))}
        {agent.conversations.map((conversation) => (
          <QueueCard key={conversation.id} conversation={conversation} agents={agents} now={now} onMove={onMove} />
        ))}
      </Stack>
    </Paper>
  );
};
