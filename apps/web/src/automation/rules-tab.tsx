import { ActionIcon, Badge, Group, Paper, Stack, Switch, Text, Tooltip } from '@mantine/core';
import type { AutomationRule } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../admin/section-header';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { IconPencil } from '../ui/icons';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { automationKeys, deleteRule, listRules, reorderRules, updateRule } from './automation-api';
import { IconArrowDown, IconArrowUp, IconTrash } from './automation-icons';
import { RuleFormModal } from './rule-form-modal';
import { actionText, conditionText } from './rule-summary';
import { usePeople } from './use-people';

/** A client's (or the agency's) rules in the order they run: switch on/off, move, edit, delete. */
export const RulesTab = ({ clientId }: { clientId: string | null }) => {
  const { t } = useTranslation('automation');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AutomationRule | 'new' | null>(null);
  const rules = useQuery({
    queryKey: automationKeys.rules(clientId),
    queryFn: ({ signal }) => listRules(clientId, signal),
  });
  const refresh = (next?: AutomationRule[]) => {
    if (next) queryClient.setQueryData(automationKeys.rules(clientId), next);
    void queryClient.invalidateQueries({ queryKey: automationKeys.rules(clientId) });
  };
  const toggle = useMutation({
    mutationFn: (rule: AutomationRule) => updateRule(rule.id, { enabled: !rule.enabled }),
    onSuccess: () => refresh(),
    onError: notifyError,
  });
  const move = useMutation({
    mutationFn: (ids: string[]) => reorderRules(clientId, ids),
    onSuccess: (next) => refresh(next),
    onError: notifyError,
  });
  const remove = useMutation({
    mutationFn: (rule: AutomationRule) => deleteRule(rule.id),
    onSuccess: () => {
      notifySuccess(t('rules.deleted'));
      refresh();
    },
    onError: notifyError,
  });

  const moveBy = (index: number, delta: number) => {
    const ids = (rules.data ?? []).map((rule) => rule.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    move.mutate(ids);
  };

  return (
    <>
      <SectionHeader
        title={t('tabs.rules')}
        description={clientId ? t('rules.clientNote') : t('rules.agencyNote')}
        actionLabel={t('rules.new')}
        onAction={() => setEditing('new')}
        actionTestId="new-rule"
      />
      {rules.isPending ? (
        <PageLoader />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed" size="sm">
            {t('rules.empty')}
          </Text>
        </Paper>
      ) : (
        <Stack gap="xs" data-testid="rules-list">
          {rules.data.map((rule, index) => (
            <RuleCard
              key={rule.id}
              rule={rule}
              position={index + 1}
              clientId={clientId}
              first={index === 0}
              last={index === rules.data.length - 1}
              busy={move.isPending || toggle.isPending || remove.isPending}
              onToggle={() => toggle.mutate(rule)}
              onUp={() => moveBy(index, -1)}
              onDown={() => moveBy(index, 1)}
              onEdit={() => setEditing(rule)}
              onDelete={() => {
                if (window.confirm(t('rules.confirmDelete', { name: rule.name }))) remove.mutate(rule);
              }}
            />
          ))}
        </Stack>
      )}
      {editing && (
        <RuleFormModal
          key={editing === 'new' ? 'new' : editing.id}
          clientId={clientId}
          rule={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
};

type RuleCardProps = {
  rule: AutomationRule;
  position: number;
  clientId: string | null;
  first: boolean;
  last: boolean;
  busy: boolean;
  onToggle: () => void;
  onUp: () => void;
  onDown: () => void;
  onEdit: () => void;
  onDelete: () => void;
};

const RuleCard = ({ rule, position, clientId, first, last, busy, ...on }: RuleCardProps) => {
  const { t } = useTranslation('automation');
  const { t: tCommon } = useTranslation();
  const format = useFormat();
  const people = usePeople(clientId);
  const nameOf = (id: string) => people.find((person) => person.value === id)?.label ?? '…';
  return (
    <Paper withBorder radius="md" p="sm" data-testid="rule-card" opacity={rule.enabled ? 1 : 0.6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group align="flex-start" gap="sm" wrap="nowrap" miw={0}>
          <Badge variant="outline" color="gray" circle>
            {format.number(position)}
          </Badge>
          <Stack gap={4} miw={0}>
            <Text fw={600} dir="auto" data-testid="rule-name-text">
              {rule.name}
            </Text>
            <Text size="xs">
              <Text span fw={700} c="indigo" size="xs">
                {t('rules.when')}{' '}
              </Text>
              {rule.events.map((event) => t(`events.${event}`)).join(' · ')}
            </Text>
            <Text size="xs">
              <Text span fw={700} c="indigo" size="xs">
                {t('rules.if')}{' '}
              </Text>
              {rule.conditions.length === 0
                ? t('rules.always')
                : rule.conditions.map((condition) => conditionText(condition, t, tCommon)).join(' · ')}
            </Text>
            <Text size="xs">
              <Text span fw={700} c="indigo" size="xs">
                {t('rules.then')}{' '}
              </Text>
              {rule.actions.map((action) => actionText(action, t, tCommon, nameOf)).join(' · ')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('rules.runs', { count: rule.runCount, n: format.number(rule.runCount) })}
              {' · '}
              {rule.lastRunAt ? t('rules.lastRun', { time: format.smart(rule.lastRunAt) }) : t('rules.never')}
            </Text>
          </Stack>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={rule.enabled ? t('rules.disable') : t('rules.enable')}>
            <Switch
              checked={rule.enabled}
              onChange={on.onToggle}
              disabled={busy}
              aria-label={rule.enabled ? t('rules.disable') : t('rules.enable')}
              data-testid="rule-enabled"
            />
          </Tooltip>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('rules.moveUp')}
            disabled={first || busy}
            onClick={on.onUp}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('rules.moveDown')}
            disabled={last || busy}
            onClick={on.onDown}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" aria-label={t('rules.edit')} onClick={on.onEdit} data-testid="rule-edit">
            <IconPencil size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label={t('rules.delete')} onClick={on.onDelete}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
};
