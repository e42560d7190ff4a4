import {
  ActionIcon,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { ConversationStatus, Priority } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { IconX } from '../ui/icons';
import { type AnyAction, type AnyActionType, defaultAction, placeholders } from './rule-parts';
import type { PersonOption } from './use-people';

type ActionEditorProps = {
  action: AnyAction;
  types: AnyActionType[];
  people: PersonOption[];
  onChange: (action: AnyAction) => void;
  onRemove: () => void;
  error?: string | undefined;
  index: number;
};

/** One "then" row: the action and the fields it needs. */
export const ActionEditor = ({ action, types, people, onChange, onRemove, error, index }: ActionEditorProps) => {
  const { t } = useTranslation('automation');
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={`action-${index}`}>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1 }}>
          <Select
            size="xs"
            aria-label={t('actions.add')}
            data={types.map((type) => ({ value: type, label: t(`actions.type.${type}`) }))}
            value={action.type}
            onChange={(value) => value && onChange(defaultAction(value as AnyActionType))}
            allowDeselect={false}
            data-testid={`action-${index}-type`}
          />
          <ActionFields action={action} people={people} onChange={onChange} index={index} />
          {error && (
            <Text size="xs" c="red">
              {error}
            </Text>
          )}
        </Stack>
        <ActionIcon variant="subtle" color="gray" aria-label={t('actions.remove')} onClick={onRemove}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
};

const PlaceholderHint = () => {
  const { t } = useTranslation('automation');
  return (
    <Text size="xs" c="dimmed">
      {t('actions.placeholders')} <bdi dir="ltr">{placeholders.join('  ')}</bdi>
    </Text>
  );
};

const ActionFields = ({
  action,
  people,
  onChange,
  index,
}: {
  action: AnyAction;
  people: PersonOption[];
  onChange: (action: AnyAction) => void;
  index: number;
}) => {
  const { t } = useTranslation('automation');
  const { t: tCommon } = useTranslation();
  const testId = `action-${index}-value`;
  switch (action.type) {
    case 'set_priority':
      return (
        <Select
          size="xs"
          aria-label={t('actions.priority')}
          data={Priority.options.map((priority) => ({ value: priority, label: tCommon(`priority.${priority}`) }))}
          value={action.priority}
          onChange={(value) => value && onChange({ ...action, priority: value as Priority })}
          allowDeselect={false}
          data-testid={testId}
        />
      );
    case 'set_status':
      return (
        <Select
          size="xs"
          aria-label={t('actions.status')}
          data={ConversationStatus.options.map((status) => ({ value: status, label: tCommon(`status.${status}`) }))}
          value={action.status}
          onChange={(value) => value && onChange({ ...action, status: value as ConversationStatus })}
          allowDeselect={false}
          data-testid={testId}
        />
      );
    case 'set_flag':
    case 'clear_flag':
      return (
        <TextInput
          size="xs"
          aria-label={t('actions.flag')}
          value={action.flag}
          onChange={(event) => onChange({ ...action, flag: event.currentTarget.value })}
          data-testid={testId}
        />
      );
    case 'add_tags':
    case 'remove_tags':
      return (
        <TagsInput
          size="xs"
          aria-label={t('actions.tags')}
          placeholder={t('conditions.valuesHint')}
          value={action.tags}
          onChange={(tags) => onChange({ ...action, tags: tags as [string] })}
          splitChars={[',', ' ']}
          data-testid={testId}
        />
      );
    case 'assign_agent':
      return (
        <Select
          size="xs"
          aria-label={t('actions.agent')}
          placeholder={t('actions.agent')}
          data={people}
          value={action.agentId || null}
          onChange={(value) => onChange({ ...action, agentId: value ?? '' })}
          searchable
          data-testid={testId}
        />
      );
    case 'assign_team':
      return (
        <TextInput
          size="xs"
          aria-label={t('actions.team')}
          placeholder={t('actions.team')}
          value={action.team}
          onChange={(event) => onChange({ ...action, team: event.currentTarget.value })}
          data-testid={testId}
        />
      );
    case 'notify':
      return (
        <>
          <MultiSelect
            size="xs"
            aria-label={t('actions.recipients')}
            placeholder={t('actions.recipients')}
            data={[
              { value: 'assignee', label: t('actions.assignee') },
              { value: 'supervisors', label: t('actions.supervisors') },
              ...people,
            ]}
            value={action.recipients}
            onChange={(recipients) => onChange({ ...action, recipients: recipients as typeof action.recipients })}
            searchable
            data-testid={`${testId}-recipients`}
          />
          <TextInput
            size="xs"
            aria-label={t('actions.message')}
            placeholder={t('actions.message')}
            value={action.message}
            onChange={(event) => onChange({ ...action, message: event.currentTarget.value })}
            data-testid={testId}
          />
          <PlaceholderHint />
        </>
      );
    case 'send_reply':
      return (
        <>
          <Textarea
            size="xs"
            aria-label={t('actions.body')}
            placeholder={t('actions.body')}
            autosize
            minRows={3}
            value={action.body}
            onChange={(event) => onChange({ ...action, body: event.currentTarget.value })}
            dir="auto"
            data-testid={testId}
          />
          <PlaceholderHint />
        </>
      );
    case 'escalate_to_client':
      return (
        <Textarea
          size="xs"
          aria-label={t('actions.question')}
          placeholder={t('actions.question')}
          autosize
          minRows={2}
          value={action.question}
          onChange={(event) => onChange({ ...action, question: event.currentTarget.value })}
          dir="auto"
          data-testid={testId}
        />
      );
    case 'assign_automatically':
    case 'escalate_tier':
      return null;
  }
};
