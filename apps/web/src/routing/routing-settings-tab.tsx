import { ActionIcon, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { SpecialistRule } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { ErrorAlert } from '../ui/error-alert';
import { fieldErrorsFromProblem } from '../ui/field-errors';
import { IconX } from '../ui/icons';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { getRoutingSettings, updateRoutingSettings } from './routing-api';

/** A client's routing in the admin client page: familiar-agent wait, reassign timeout, specialist rules. */
export const RoutingSettingsTab = ({ clientId }: { clientId: string }) => {
  const { t } = useTranslation('routing');
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: queryKeys.routingSettings(clientId),
    queryFn: () => getRoutingSettings(clientId),
  });
  const [waitMinutes, setWaitMinutes] = useState<number | string>(2);
  const [reassignMinutes, setReassignMinutes] = useState<number | string>(10);
  const [rules, setRules] = useState<SpecialistRule[]>([]);
  useEffect(() => {
    if (!settings.data) return;
    setWaitMinutes(settings.data.preferredWaitSeconds / 60);
    setReassignMinutes(settings.data.reassignAfterSeconds / 60);
    setRules(settings.data.specialistRules);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      updateRoutingSettings(clientId, {
        preferredWaitSeconds: Math.round(Number(waitMinutes) * 60),
        reassignAfterSeconds: Math.round(Number(reassignMinutes) * 60),
        specialistRules: rules.filter((rule) => rule.tag.trim() && rule.skill.trim()),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.routingSettings(clientId), saved);
      notifySuccess(t('settings.saved'));
    },
    onError: notifyError,
  });
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const errors = fieldErrorsFromProblem(save.error);
  const setRule = (index: number, change: Partial<SpecialistRule>) =>
    setRules(rules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="lg" maw={640}>
        <Group grow align="flex-start">
          <NumberInput
            label={t('settings.preferredWait')}
            description={t('settings.preferredWaitHint')}
            min={0}
            max={1440}
            decimalScale={1}
            value={waitMinutes}
            onChange={setWaitMinutes}
            error={errors.preferredWaitSeconds}
            data-testid="routing-preferred-wait"
          />
          <NumberInput
            label={t('settings.reassignAfter')}
            description={t('settings.reassignAfterHint')}
            min={1}
            max={10080}
            decimalScale={1}
            value={reassignMinutes}
            onChange={setReassignMinutes}
            error={errors.reassignAfterSeconds}
            data-testid="routing-reassign-after"
          />
        </Group>
        <Stack gap="xs">
          <Title order={5}>{t('settings.specialists')}</Title>
          <Text size="sm" c="dimmed">
            {t('settings.specialistsHint')}
          </Text>
          {rules.length > 0 && (
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.tag')}</Table.Th>
                  <Table.Th>{t('settings.skill')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.map((rule, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no identity of their own
                  <Table.Tr key={index}>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('settings.tag')}
                        value={rule.tag}
                        onChange={(event) => setRule(index, { tag: event.currentTarget.value })}
                        data-testid="routing-rule-tag"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('settings.skill')}
                        value={rule.skill}
                        onChange={(event) => setRule(index, { skill: event.currentTarget.value })}
                        data-testid="routing-rule-skill"
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('settings.removeRule')}
                        onClick={() => setRules(rules.filter((_, i) => i !== index))}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => setRules([...rules, { tag: '', skill: '' }])}
              data-testid="routing-add-rule"
            >
              {t('settings.addRule')}
            </Button>
          </Group>
        </Stack>
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="routing-save">
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
