import {
  ActionIcon,
  Button,
  Chip,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import {
  Channel,
  Priority,
  type RuleCondition,
  type RuleConditionType,
  type ScheduleWindow,
} from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useClients } from '../desk/use-clients';
import { IconPlus, IconX } from '../ui/icons';
import { conditionTypes, defaultCondition, operatorsOf } from './rule-parts';

type ConditionEditorProps = {
  condition: RuleCondition;
  onChange: (condition: RuleCondition) => void;
  onRemove: () => void;
  agencyWide: boolean;
  error?: string | undefined;
  index: number;
};

/** One "if" row: what to look at, how to compare, and the values — each type gets the input it needs. */
export const ConditionEditor = ({ condition, onChange, onRemove, agencyWide, error, index }: ConditionEditorProps) => {
  const { t } = useTranslation('automation');
  const types = conditionTypes.filter((type) => type !== 'client' || agencyWide);
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={`condition-${index}`}>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1 }}>
          <Group gap="xs" grow wrap="nowrap">
            <Select
              size="xs"
              aria-label={t('conditions.type.words')}
              data={types.map((type) => ({ value: type, label: t(`conditions.type.${type}`) }))}
              value={condition.type}
              onChange={(value) => value && onChange(defaultCondition(value as RuleConditionType))}
              allowDeselect={false}
              data-testid={`condition-${index}-type`}
            />
            <Select
              size="xs"
              aria-label={t('conditions.type.words')}
              data={operatorsOf(condition.type).map((op) => ({ value: op, label: t(`conditions.op.${op}`) }))}
              value={condition.op}
              onChange={(value) => value && onChange({ ...condition, op: value } as RuleCondition)}
              allowDeselect={false}
              data-testid={`condition-${index}-op`}
            />
          </Group>
          <ConditionValues condition={condition} onChange={onChange} index={index} />
          {error && (
            <Text size="xs" c="red">
              {error}
            </Text>
          )}
        </Stack>
        <ActionIcon variant="subtle" color="gray" aria-label={t('conditions.remove')} onClick={onRemove}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
};

const ConditionValues = ({
  condition,
  onChange,
  index,
}: {
  condition: RuleCondition;
  onChange: (condition: RuleCondition) => void;
  index: number;
}) => {
  const { t } = useTranslation('automation');
  const { t: tCommon } = useTranslation();
  const clients = useClients();
  const testId = `condition-${index}-values`;
  switch (condition.type) {
    case 'words':
    case 'tags':
    case 'flags':
    case 'customer':
      return (
        <TagsInput
          size="xs"
          aria-label={t('conditions.values')}
          placeholder={t('conditions.valuesHint')}
          value={condition.values}
          onChange={(values) => onChange({ ...condition, values } as RuleCondition)}
          splitChars={[',']}
          clearable
          data-testid={testId}
        />
      );
    case 'channel':
      return (
        <MultiSelect
          size="xs"
          aria-label={t('conditions.values')}
          data={Channel.options.map((channel) => ({ value: channel, label: tCommon(`channel.${channel}`) }))}
          value={condition.values}
          onChange={(values) => onChange({ ...condition, values: values as Channel[] } as RuleCondition)}
          data-testid={testId}
        />
      );
    case 'priority':
      return (
        <MultiSelect
          size="xs"
          aria-label={t('conditions.values')}
          data={Priority.options.map((priority) => ({ value: priority, label: tCommon(`priority.${priority}`) }))}
          value={condition.values}
          onChange={(values) => onChange({ ...condition, values: values as Priority[] } as RuleCondition)}
          data-testid={testId}
        />
      );
    case 'tier':
      return (
        <MultiSelect
          size="xs"
          aria-label={t('conditions.values')}
          data={[1, 2, 3].map((tier) => ({ value: String(tier), label: tCommon('controls.tierN', { tier }) }))}
          value={condition.values.map(String)}
          onChange={(values) => onChange({ ...condition, values: values.map(Number) } as RuleCondition)}
          data-testid={testId}
        />
      );
    case 'client':
      return (
        <MultiSelect
          size="xs"
          aria-label={t('conditions.values')}
          data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
          value={condition.values}
          onChange={(values) => onChange({ ...condition, values } as RuleCondition)}
          data-testid={testId}
        />
      );
    case 'age':
      return (
        <NumberInput
          size="xs"
          aria-label={t('conditions.minutes')}
          rightSection={
            <Text size="xs" c="dimmed" pe={4}>
              {t('conditions.minutes')}
            </Text>
          }
          rightSectionWidth={60}
          min={1}
          value={condition.minutes}
          onChange={(value) => onChange({ ...condition, minutes: Number(value) || 1 })}
          data-testid={testId}
        />
      );
    case 'assignee':
      return null;
    case 'schedule':
      return <ScheduleEditor windows={condition.windows} onChange={(windows) => onChange({ ...condition, windows })} />;
  }
};

/** Weekly hours in the client's time zone: days as chips, from–to as times. */
const ScheduleEditor = ({
  windows,
  onChange,
}: {
  windows: ScheduleWindow[];
  onChange: (windows: ScheduleWindow[]) => void;
}) => {
  const { t } = useTranslation('automation');
  const set = (index: number, window: ScheduleWindow) => onChange(windows.map((w, i) => (i === index ? window : w)));
  return (
    <Stack gap={6}>
      {windows.map((window, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity but their place
        <Group key={index} gap={6} wrap="wrap" data-testid={`schedule-window-${index}`}>
          <Chip.Group
            multiple
            value={window.days.map(String)}
            onChange={(days) => set(index, { ...window, days: days.map(Number).sort() })}
          >
            <Group gap={4}>
              {[6, 0, 1, 2, 3, 4, 5].map((day) => (
                <Chip key={day} value={String(day)} size="xs">
                  {t(`weekday.${day}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <TextInput
            size="xs"
            type="time"
            aria-label={t('conditions.from')}
            w={124}
            value={window.from}
            onChange={(event) => set(index, { ...window, from: event.currentTarget.value })}
          />
          <Text size="xs">–</Text>
          <TextInput
            size="xs"
            type="time"
            aria-label={t('conditions.to')}
            w={124}
            value={window.to === '24:00' ? '23:59' : window.to}
            onChange={(event) => set(index, { ...window, to: event.currentTarget.value })}
          />
          {windows.length > 1 && (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={t('conditions.removeWindow')}
              onClick={() => onChange(windows.filter((_, i) => i !== index))}
            >
              <IconX size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      <Group gap="xs">
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...windows, { days: [6], from: '09:00', to: '13:00' }])}
        >
          {t('conditions.addWindow')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('conditions.timeZoneNote')}
        </Text>
      </Group>
    </Stack>
  );
};
