import { Badge, Button, Checkbox, Chip, Divider, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import {
  type AutomationEventType,
  type AutomationRule,
  CreateAutomationRuleRequest,
  type RuleAction,
  type RuleCondition,
} from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../admin/form-modal';
import { useFormSave } from '../admin/use-form-save';
import type { FieldErrors } from '../ui/field-errors';
import { IconPlus } from '../ui/icons';
import { notifySuccess } from '../ui/notify-error';
import { ActionEditor } from './action-editor';
import { automationKeys, createRule, updateRule } from './automation-api';
import { ConditionEditor } from './condition-editor';
import { defaultAction, defaultCondition, eventTypes, ruleActionTypes } from './rule-parts';
import { usePeople } from './use-people';

type RuleFormModalProps = { clientId: string | null; rule?: AutomationRule | undefined; onClose: () => void };

/** The messages under one list item ("conditions.2…"), for showing beside that row. */
const errorsUnder = (errors: FieldErrors, prefix: string) =>
  Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([, message]) => message)
    .join(' · ') || undefined;

const Section = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Stack gap={6}>
    <Badge variant="light" size="lg" radius="sm" style={{ alignSelf: 'flex-start' }}>
      {label}
    </Badge>
    {children}
  </Stack>
);

/** When / if / then, as a form: events as chips, each condition and action a row with its own inputs. */
export const RuleFormModal = ({ clientId, rule, onClose }: RuleFormModalProps) => {
  const { t } = useTranslation('automation');
  const queryClient = useQueryClient();
  const people = usePeople(clientId);
  const [name, setName] = useState(rule?.name ?? '');
  const [events, setEvents] = useState<AutomationEventType[]>(
    rule?.events ?? ['conversation.created', 'message.received'],
  );
  const [conditions, setConditions] = useState<RuleCondition[]>(rule?.conditions ?? [defaultCondition('words')]);
  const [actions, setActions] = useState<RuleAction[]>(rule?.actions ?? [defaultAction('set_priority') as RuleAction]);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [stopAfter, setStopAfter] = useState(rule?.stopAfter ?? false);
  // A section edited since the last save attempt no longer shows that attempt's complaints.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const touch = (section: string) => setTouched((current) => new Set(current).add(section));

  const save = useFormSave(
    CreateAutomationRuleRequest,
    (body) => {
      const { clientId: _owner, ...changes } = body;
      return rule ? updateRule(rule.id, changes) : createRule(body);
    },
    () => {
      void queryClient.invalidateQueries({ queryKey: automationKeys.rules(clientId) });
      notifySuccess(t('rules.saved'));
      onClose();
    },
  );

  return (
    <FormModal
      opened
      size="xl"
      title={rule ? t('rules.edit') : t('rules.new')}
      onClose={onClose}
      onSubmit={() => {
        setTouched(new Set());
        save.submit({ clientId, name, events, conditions, actions, enabled, stopAfter });
      }}
      saving={save.saving}
      error={save.error}
      testId="rule-form"
    >
      <TextInput
        label={t('rules.name')}
        value={name}
        onChange={(event) => {
          setName(event.currentTarget.value);
          touch('name');
        }}
        error={touched.has('name') ? undefined : save.fieldErrors.name}
        data-autofocus
        dir="auto"
        data-testid="rule-name"
      />
      <Section label={t('rules.when')}>
        <Chip.Group multiple value={events} onChange={(value) => setEvents(value as AutomationEventType[])}>
          <Group gap={6}>
            {eventTypes.map((event) => (
              <Chip key={event} value={event} size="sm" data-testid={`event-${event}`}>
                {t(`events.${event}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {save.fieldErrors.events && (
          <Text size="xs" c="red">
            {save.fieldErrors.events}
          </Text>
        )}
      </Section>
      <Divider />
      <Section label={t('rules.if')}>
        {conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('conditions.none')}
          </Text>
        )}
        {conditions.map((condition, index) => (
          <ConditionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
            key={index}
            index={index}
            condition={condition}
            agencyWide={clientId === null}
            error={touched.has('conditions') ? undefined : errorsUnder(save.fieldErrors, `conditions.${index}`)}
            onChange={(next) => {
              setConditions(conditions.map((c, i) => (i === index ? next : c)));
              touch('conditions');
            }}
            onRemove={() => setConditions(conditions.filter((_, i) => i !== index))}
          />
        ))}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setConditions([...conditions, defaultCondition('channel')])}
          data-testid="add-condition"
        >
          {t('conditions.add')}
        </Button>
      </Section>
      <Divider />
      <Section label={t('rules.then')}>
        {actions.map((action, index) => (
          <ActionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no identity but their place
            key={index}
            index={index}
            action={action}
            types={ruleActionTypes}
            people={people}
            error={touched.has('actions') ? undefined : errorsUnder(save.fieldErrors, `actions.${index}`)}
            onChange={(next) => {
              setActions(actions.map((a, i) => (i === index ? (next as RuleAction) : a)));
              touch('actions');
            }}
            onRemove={() => setActions(actions.filter((_, i) => i !== index))}
          />
        ))}
        {save.fieldErrors.actions && (
          <Text size="xs" c="red">
            {t('actions.none')}
          </Text>
        )}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setActions([...actions, defaultAction('set_flag') as RuleAction])}
          data-testid="add-action"
        >
          {t('actions.add')}
        </Button>
      </Section>
      <Divider />
      <Checkbox
        label={t('rules.stopAfter')}
        checked={stopAfter}
        onChange={(event) => setStopAfter(event.currentTarget.checked)}
      />
      <Switch
        label={t('rules.enabled')}
        checked={enabled}
        onChange={(event) => setEnabled(event.currentTarget.checked)}
      />
    </FormModal>
  );
};
