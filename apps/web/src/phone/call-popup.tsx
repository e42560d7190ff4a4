import { Badge, Button, CloseButton, Divider, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { type CallScreenPop, finalCallStates } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { notifyError } from '../ui/notify-error';
import { CallResultForm } from './call-result-form';
import { dismissOfferedCall } from './offered-calls';
import { answerCall, getScreenPop, hangupCall, holdCall, phoneKeys } from './phone-api';
import { useSoftphoneState } from './softphone/use-softphone';
import { TransferMenu } from './transfer-menu';

/** The incoming-call pop-up: every call offered to this agent, the newest on top. */
export const CallPopup = () => {
  const { data: offered = [] } = useQuery({
    queryKey: phoneKeys.offered,
    queryFn: () => [] as string[],
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const callId = offered.at(-1);
  if (!callId) return null;
  return <CallCard key={callId} callId={callId} waiting={offered.length - 1} />;
};

const CallCard = ({ callId, waiting }: { callId: string; waiting: number }) => {
  const { t } = useTranslation('phone');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const pop = useQuery({
    queryKey: phoneKeys.screenPop(callId),
    queryFn: ({ signal }) => getScreenPop(callId, signal),
  });
  const act = useMutation({
    mutationFn: (action: () => Promise<void>) => action(),
    onError: notifyError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: phoneKeys.screenPop(callId) }),
  });
  const dismiss = () => dismissOfferedCall(queryClient, callId);
  if (!pop.data) return null;
  const { call } = pop.data;
  const ended = finalCallStates.includes(call.state);

  return (
    <Paper
      shadow="xl"
      withBorder
      radius="md"
      p="md"
      data-testid="call-popup"
      data-call-id={callId}
      style={{ position: 'fixed', insetInlineEnd: 16, bottom: 16, width: 420, zIndex: 300, maxHeight: '80dvh' }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={4}>{call.direction === 'inbound' ? t('incoming') : t('outgoing')}</Title>
            <Badge variant="light" data-testid="call-state">
              {t(`state.${call.state}`)}
            </Badge>
          </Group>
          <CloseButton aria-label={t('dismiss')} onClick={dismiss} />
        </Group>
        <div>
          <Text fw={600} size="lg" data-testid="caller-name">
            {call.contact.name}
          </Text>
          {call.contact.name !== call.fromNumber && (
            <Text size="sm" c="dimmed" dir="ltr" style={{ textAlign: 'start' }}>
              {call.direction === 'inbound' ? call.fromNumber : call.toNumber}
            </Text>
          )}
          <Text size="sm">
            {call.clientName} · {call.lineName}
          </Text>
          {waiting > 0 && (
            <Text size="xs" c="orange">
              {t('moreWaiting', { count: waiting })}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {(call.state === 'queued' || call.state === 'ringing') && (
            <Button
              color="green"
              onClick={() => act.mutate(() => answerCall(callId))}
              loading={act.isPending}
              data-testid="answer-call"
            >
              {t('answer')}
            </Button>
          )}
          {call.state === 'in_progress' && (
            <Button variant="light" onClick={() => act.mutate(() => holdCall(callId, true))}>
              {t('hold')}
            </Button>
          )}
          {call.state === 'on_hold' && (
            <Button variant="light" onClick={() => act.mutate(() => holdCall(callId, false))}>
              {t('resume')}
            </Button>
          )}
          {(call.state === 'in_progress' || call.state === 'on_hold') && <TransferMenu call={call} />}
          {!ended && call.state !== 'queued' && (
            <Button color="red" variant="light" onClick={() => act.mutate(() => hangupCall(callId))}>
              {t('hangup')}
            </Button>
          )}
          <Button
            variant="subtle"
            onClick={() =>
              void navigate({ to: '/desk/$conversationId', params: { conversationId: call.conversationId } })
            }
          >
            {t('openConversation')}
          </Button>
        </Group>
        {!ended && <SoftphoneNote />}
        {ended && !call.resultCode && <CallResultForm callId={callId} onFiled={dismiss} />}
        <ScrollArea.Autosize mah={320}>
          <Stack gap="sm">
            <Script script={pop.data.script} />
            <History history={pop.data.history} />
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
};

/** Where this call is heard: the browser softphone, or the agent's own phone / PBX. */
const SoftphoneNote = () => {
  const { t } = useTranslation('phone');
  const state = useSoftphoneState();
  return (
    <Text size="xs" c={state === 'error' ? 'red' : 'dimmed'} data-testid="softphone-note" data-softphone={state}>
      {t(`softphone.${state}`)}
    </Text>
  );
};

const Script = ({ script }: { script: CallScreenPop['script'] }) => {
  const { t } = useTranslation('phone');
  if (!script) return null;
  return (
    <div data-testid="call-script">
      <Divider label={t('script', { version: script.version })} labelPosition="left" />
      <Text fw={600} size="sm" mt={4}>
        {script.title}
      </Text>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the knowledge base (allow-list) before it was stored */}
      <div className="message-html" dir="auto" dangerouslySetInnerHTML={{ __html: script.bodyHtml }} />
    </div>
  );
};

const History = ({ history }: { history: CallScreenPop['history'] }) => {
  const { t } = useTranslation('phone');
  const format = useFormat();
  return (
    <div>
      <Divider label={t('history')} labelPosition="left" />
      {history.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noHistory')}
        </Text>
      )}
      {history.map((item) => (
        <Group key={item.conversationId} justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" truncate>
            #{format.number(item.number)} {item.subject}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {format.date(item.lastMessageAt)}
          </Text>
        </Group>
      ))}
    </div>
  );
};
