import { Button, Group, Modal, Stack, Switch, Text, Textarea } from '@mantine/core';
import { type ConversationDetail, EMERGENCY_FLAG } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { useUpdateConversation } from '../desk/use-update-conversation';
import { fieldErrorsFromProblem } from '../ui/field-errors';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { escalateTier } from './routing-api';

/** In the conversation pane: flag it as an emergency (front of the queue) and escalate its tier with a reason. */
export const RoutingControls = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation('routing');
  const update = useUpdateConversation();
  const [escalating, setEscalating] = useState(false);
  const emergency = conversation.flags.includes(EMERGENCY_FLAG);
  const toggleEmergency = () =>
    update.mutate({
      id: conversation.id,
      change: {
        flags: emergency
          ? conversation.flags.filter((f) => f !== EMERGENCY_FLAG)
          : [...conversation.flags, EMERGENCY_FLAG],
      },
    });
  return (
    <Stack gap="xs">
      <Switch
        size="sm"
        color="red"
        checked={emergency}
        onChange={toggleEmergency}
        disabled={update.isPending}
        label={t('emergency.label')}
        description={t('emergency.description')}
        data-testid="emergency-switch"
      />
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed">
          {t('escalate.current', { tier: conversation.tier })}
        </Text>
        <Button
          size="compact-xs"
          variant="light"
          color="orange"
          disabled={conversation.tier >= 3}
          onClick={() => setEscalating(true)}
          data-testid="escalate-tier"
        >
          {conversation.tier >= 3 ? t('escalate.top') : t('escalate.button', { tier: conversation.tier + 1 })}
        </Button>
      </Group>
      {escalating && <EscalateModal conversation={conversation} onClose={() => setEscalating(false)} />}
    </Stack>
  );
};

const EscalateModal = ({ conversation, onClose }: { conversation: ConversationDetail; onClose: () => void }) => {
  const { t } = useTranslation('routing');
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const escalate = useMutation({
    mutationFn: () => escalateTier(conversation.id, { reason }),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.conversation(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      notifySuccess(t('escalate.done', { tier: detail.tier }));
      onClose();
    },
    onError: (error) => {
      if (!fieldErrorsFromProblem(error).reason) notifyError(error);
    },
  });
  const errors = fieldErrorsFromProblem(escalate.error);
  return (
    <Modal opened onClose={onClose} title={t('escalate.title', { tier: conversation.tier + 1 })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          escalate.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t('escalate.explain')}</Text>
          <Textarea
            label={t('escalate.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            minRows={3}
            autosize
            required
            data-autofocus
            error={errors.reason}
            data-testid="escalate-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="orange" loading={escalate.isPending} data-testid="escalate-submit">
              {t('escalate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
