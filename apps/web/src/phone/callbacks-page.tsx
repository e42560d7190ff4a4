import { Anchor, Badge, Button, Container, Group, Kbd, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { CallbackTask } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClients } from '../desk/use-clients';
import { useFormat } from '../format/use-format';
import { useNow } from '../format/use-now';
import { ErrorAlert } from '../ui/error-alert';
import { IconPhone } from '../ui/icons';
import { PageLoader } from '../ui/page-loader';
import { useDialLines } from './call-button';
import { listCallbackTasks, phoneKeys } from './phone-api';
import { usePlaceCall } from './use-place-call';

/**
 * Missed callers waiting to be called back, across the clients the agent serves, the most urgent
 * first. Keyboard: ↑/↓ (or k/j) move between tasks, c calls back, Enter opens the conversation.
 */
export const CallbacksPage = () => {
  const { t } = useTranslation('phone');
  const clients = useClients();
  const [clientId, setClientId] = useState<string | null>(null);
  const tasks = useQuery({
    queryKey: phoneKeys.callbacks,
    queryFn: ({ signal }) => listCallbackTasks(signal),
    refetchInterval: 60_000,
  });
  const place = usePlaceCall();
  const dialLines = useDialLines();
  const navigate = useNavigate();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  const shown = (tasks.data ?? []).filter((task) => !clientId || task.clientId === clientId);
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, task: CallbackTask) => {
    if (event.target !== event.currentTarget) return;
    const move = (to: number) => {
      event.preventDefault();
      rows.current[Math.max(0, Math.min(shown.length - 1, to))]?.focus();
    };
    if (event.key === 'ArrowDown' || event.key === 'j') move(index + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(index - 1);
    else if (event.key === 'c' && dialLines(task.clientId).length > 0) {
      event.preventDefault();
      place.mutate({ callbackTaskId: task.id });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void navigate({ to: '/desk/$conversationId', params: { conversationId: task.conversationId } });
    }
  };

  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>{t('callbacks.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('callbacks.hint')}
            </Text>
          </div>
          <Select
            label={t('client')}
            placeholder={t('callbacks.allClients')}
            clearable
            data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
            value={clientId}
            onChange={setClientId}
            data-testid="callbacks-client-filter"
          />
        </Group>
        <Text size="xs" c="dimmed">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('callbacks.keysMove')} · <Kbd>c</Kbd> {t('callbacks.keysCall')} ·{' '}
          <Kbd>Enter</Kbd> {t('callbacks.keysOpen')}
        </Text>
        {tasks.isPending ? (
          <PageLoader />
        ) : tasks.isError ? (
          <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : (
          <Paper withBorder>
            <Table verticalSpacing="sm" highlightOnHover data-testid="callbacks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('callbacks.due')}</Table.Th>
                  <Table.Th>{t('client')}</Table.Th>
                  <Table.Th>{t('caller')}</Table.Th>
                  <Table.Th>{t('callbacks.missed')}</Table.Th>
                  <Table.Th>{t('callbacks.voicemail')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" ta="center" py="lg" data-testid="callbacks-empty">
                        {t('callbacks.none')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {shown.map((task, index) => (
                  <Table.Tr
                    key={task.id}
                    ref={(element) => {
                      rows.current[index] = element;
                    }}
                    tabIndex={0}
                    onKeyDown={(event) => onKey(event, index, task)}
                    data-testid="callback-row"
                    data-task-id={task.id}
                  >
                    <Table.Td>
                      <DueIn dueAt={task.dueAt} />
                    </Table.Td>
                    <Table.Td>{task.clientName}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        fw={500}
                        tabIndex={-1}
                        onClick={() =>
                          void navigate({
                            to: '/desk/$conversationId',
                            params: { conversationId: task.conversationId },
                          })
                        }
                      >
                        {task.contact.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" dir="ltr" style={{ textAlign: 'start' }}>
                        {task.callerNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <MissedCalls task={task} />
                    </Table.Td>
                    <Table.Td>
                      <Voicemails task={task} />
                    </Table.Td>
                    <Table.Td>
                      {dialLines(task.clientId).length > 0 ? (
                        <Button
                          size="compact-sm"
                          color="teal"
                          leftSection={<IconPhone size={14} />}
                          loading={place.isPending && place.variables?.callbackTaskId === task.id}
                          onClick={() => place.mutate({ callbackTaskId: task.id })}
                          data-testid="call-back"
                        >
                          {t('callbacks.callBack')}
                        </Button>
                      ) : (
                        <Text size="xs" c="dimmed" maw={180} data-testid="call-back-pbx">
                          {t('callbacks.pbxDials')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
    </Container>
  );
};

/** Time left until the callback is due, ticking; overdue in red. */
const DueIn = ({ dueAt }: { dueAt: string }) => {
  const { t } = useTranslation('phone');
  const format = useFormat();
  const now = useNow();
  const overdue = new Date(dueAt).getTime() <= now;
  return (
    <Stack gap={0}>
      <Badge color={overdue ? 'red' : 'teal'} variant={overdue ? 'filled' : 'light'} data-testid="callback-due">
        {overdue
          ? t('callbacks.overdueBy', { time: format.elapsed(dueAt, now) })
          : t('callbacks.dueIn', { time: format.elapsed(new Date(now).toISOString(), new Date(dueAt).getTime()) })}
      </Badge>
      <Text size="xs" c="dimmed">
        {format.smart(dueAt, now)}
      </Text>
    </Stack>
  );
};

const MissedCalls = ({ task }: { task: CallbackTask }) => {
  const { t } = useTranslation('phone');
  const format = useFormat();
  const now = useNow();
  return (
    <Stack gap={0}>
      <Text size="sm" data-testid="callback-missed">
        {t('callbacks.missedCount', { count: task.missedCalls, n: format.number(task.missedCalls) })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('callbacks.lastMissed', { time: format.ago(task.lastMissedAt, now) })}
      </Text>
    </Stack>
  );
};

const Voicemails = ({ task }: { task: CallbackTask }) => {
  const playable = task.voicemails.filter((recording) => recording.audioUrl);
  if (playable.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={4}>
      {playable.map((recording) => (
        // biome-ignore lint/a11y/useMediaCaption: voicemails have no caption track
        <audio
          key={recording.id}
          controls
          preload="none"
          src={recording.audioUrl!}
          data-testid="voicemail-audio"
          style={{ height: 32, maxWidth: 260 }}
        />
      ))}
    </Stack>
  );
};
