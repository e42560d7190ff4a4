import { Group, Select, SimpleGrid, Text } from '@mantine/core';
import type { ConversationDetail, UpdateConversationRequest } from '@switchboard/contracts';
import { ConversationStatus, Priority } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';
import { useAssignableAgents } from './use-assignable-agents';
import { useUpdateConversation } from './use-update-conversation';

const unassigned = '__none__';

export const ConversationControls = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation();
  const me = useMe();
  const agents = useAssignableAgents(conversation.client.id);
  const update = useUpdateConversation();
  const change = (value: UpdateConversationRequest) => update.mutate({ id: conversation.id, change: value });

  const agentOptions: { value: string; label: string; tier?: number }[] = [
    { value: unassigned, label: t('desk.unassigned') },
    ...(agents.data ?? []).map((agent) => ({
      value: agent.id,
      label: agent.id === me.id ? t('controls.meSuffix', { name: agent.name }) : agent.name,
      tier: agent.tier,
    })),
  ];
  // The current assignee may no longer serve this client; keep them selectable so the field isn't blank.
  if (conversation.assignee && !agentOptions.some((option) => option.value === conversation.assignee?.id)) {
    agentOptions.push({ value: conversation.assignee.id, label: conversation.assignee.name, tier: conversation.tier });
  }

  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
      <Select
        size="xs"
        label={t('controls.status')}
        data={ConversationStatus.options.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        value={conversation.status}
        onChange={(value) => value && change({ status: value as ConversationStatus })}
        allowDeselect={false}
        disabled={update.isPending}
        data-testid="control-status"
      />
      <Select
        size="xs"
        label={t('controls.priority')}
        data={Priority.options.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        value={conversation.priority}
        onChange={(value) => value && change({ priority: value as Priority })}
        allowDeselect={false}
        disabled={update.isPending}
        data-testid="control-priority"
      />
      <Select
        size="xs"
        label={t('controls.tier')}
        data={[1, 2, 3].map((tier) => ({ value: String(tier), label: t('controls.tierN', { tier }) }))}
        value={String(conversation.tier)}
        onChange={(value) => value && change({ tier: Number(value) })}
        allowDeselect={false}
        disabled={update.isPending}
      />
      <Select
        size="xs"
        label={t('controls.assignee')}
        data={agentOptions}
        value={conversation.assignee?.id ?? unassigned}
        onChange={(value) => value && change({ assigneeId: value === unassigned ? null : value })}
        allowDeselect={false}
        searchable
        disabled={update.isPending}
        data-testid="control-assignee"
        comboboxProps={{ width: 240, position: 'bottom-end' }}
        // The tier matters when choosing, not once chosen: show it in the list only.
        renderOption={({ option }) => {
          const tier = agentOptions.find((candidate) => candidate.value === option.value)?.tier;
          return (
            <Group justify="space-between" wrap="nowrap" w="100%">
              <Text size="xs">{option.label}</Text>
              {tier !== undefined && (
                <Text size="xs" c="dimmed">
                  {t('controls.tierN', { tier })}
                </Text>
              )}
            </Group>
          );
        }}
      />
    </SimpleGrid>
  );
};
