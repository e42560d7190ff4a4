import { Button, Group, Paper, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import type { ConversationDetail, Escalation } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { DueText } from './due-text';
import { EscalateModal } from './escalate-modal';
import { escalationKeys, listConversationEscalations, relayAnswer } from './escalation-api';
import { EscalationStateBadge } from './escalation-state-badge';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The desk's side panel: this conversation's questions to the client, their answers, and the relay. */
export const EscalationPanel = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation('escalation');
  const [opened, setOpened] = useState(false);
  const list = useQuery({
    queryKey: escalationKeys.ofConversation(conversation.id),
    queryFn: ({ signal }) => listConversationEscalations(conversation.id, signal),
  });

  // `x` opens the dialog from anywhere on the conversation (not while typing or in another dialog).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'x' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      event.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <Stack gap="xs" data-testid="escalation-panel">
      <Tooltip label={t('panel.shortcut')}>
        <Button
          variant="light"
          color="orange"
          size="xs"
          onClick={() => setOpened(true)}
          data-testid="escalate-button"
          aria-keyshortcuts="x"
        >
          {t('panel.escalate')}
        </Button>
      </Tooltip>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('panel.none')}
        </Text>
      )}
      {list.data?.map((escalation) => (
        <EscalationCard key={escalation.id} escalation={escalation} conversationId={conversation.id} />
      ))}
      <EscalateModal conversation={conversation} opened={opened} onClose={() => setOpened(false)} />
    </Stack>
  );
};

const EscalationCard = ({ escalation, conversationId }: { escalation: Escalation; conversationId: string }) => {
  const { t } = useTranslation('escalation');
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(escalation.answer ?? '');
  useEffect(() => setBody(escalation.answer ?? ''), [escalation.answer]);
  const relay = useMutation({
    mutationFn: () => relayAnswer(escalation.id, body.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: escalationKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      setEditing(false);
      notifySuccess(t('panel.relayed'));
    },
    onError: notifyError,
  });

  return (
    <Paper withBorder p="xs" radius="md" data-testid="escalation-card" data-state={escalation.state}>
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <EscalationStateBadge state={escalation.state} />
          {(escalation.state === 'open' || escalation.state === 'overdue') && <DueText dueAt={escalation.dueAt} />}
        </Group>
        <Text size="xs" c="dimmed">
          {t('panel.asked', { name: escalation.askedBy, time: format.smart(escalation.createdAt) })}
        </Text>
        <Text size="sm" dir="auto" className="user-text" style={{ whiteSpace: 'pre-wrap' }}>
          {escalation.question}
        </Text>
        {escalation.remindersSent > 0 && escalation.state !== 'relayed' && (
          <Text size="xs" c="dimmed">
            {t('panel.reminders', { count: escalation.remindersSent })}
          </Text>
        )}
        {escalation.answer !== null && (
          <Paper bg="teal.0" p={6} radius="sm" data-testid="escalation-answer">
            <Text size="xs" fw={600}>
              {t('panel.answered', {
                name: escalation.answeredBy,
                via: t(`via.${escalation.answeredVia ?? 'portal'}`),
                time: format.smart(escalation.answeredAt ?? escalation.createdAt),
              })}
            </Text>
            <Text size="sm" dir="auto" className="user-text" style={{ whiteSpace: 'pre-wrap' }}>
              {escalation.answer}
            </Text>
          </Paper>
        )}
        {escalation.state === 'relayed' && escalation.relayedAt && (
          <Text size="xs" c="dimmed">
            {t('panel.relayedBy', { name: escalation.relayedBy, time: format.smart(escalation.relayedAt) })}
          </Text>
        )}
        {escalation.state === 'answered' && !editing && (
          <Button size="xs" color="teal" onClick={() => setEditing(true)} data-testid="relay-button">
            {t('panel.relay')}
          </Button>
        )}
        {editing && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (body.trim()) relay.mutate();
            }}
          >
            <Stack gap={6}>
              <Textarea
                aria-label={t('panel.relayText')}
                description={t('panel.relayText')}
                autosize
                minRows={3}
                maxRows={10}
                value={body}
                onChange={(event) => setBody(event.currentTarget.value)}
                data-autofocus
                data-testid="relay-text"
                dir="auto"
              />
              <Group gap="xs" justify="flex-end">
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t('escalate.cancel')}
                </Button>
                <Button
                  size="xs"
                  color="teal"
                  type="submit"
                  loading={relay.isPending}
                  disabled={!body.trim()}
                  data-testid="relay-send"
                >
                  {t('panel.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
};
