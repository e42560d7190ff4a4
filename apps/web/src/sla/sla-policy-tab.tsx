import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  type Priority,
  priorities,
  type SlaPolicy,
  type SlaPolicyInput,
  SlaPolicyInput as SlaPolicyInputSchema,
  type SlaTargets,
  type Weekday,
} from '@switchboard/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSave } from '../admin/use-form-save';
import { queryKeys } from '../api/query-keys';
import { ErrorAlert } from '../ui/error-alert';
import { IconPlus, IconX } from '../ui/icons';
import { notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { getSlaPolicy, saveSlaPolicy } from './sla-api';

const timezones = Intl.supportedValuesOf('timeZone');
const metrics = ['firstResponse', 'nextResponse', 'resolution'] as const satisfies readonly (keyof SlaTargets)[];
const metricKey = { firstResponse: 'first_response', nextResponse: 'next_response', resolution: 'resolution' } as const;
// A Persian reader's week starts on Saturday.
const weekOrder = (language: string): Weekday[] =>
  language === 'fa'
    ? ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri']
    : ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The client's SLA policy: targets per priority, the warning threshold and the calendar the clock runs on. */
export const SlaPolicyTab = ({ clientId }: { clientId: string }) => {
  const { t } = useTranslation('sla');
  const policy = useQuery({ queryKey: queryKeys.slaPolicy(clientId), queryFn: () => getSlaPolicy(clientId) });
  if (policy.isPending) return <PageLoader />;
  if (policy.isError) return <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />;
  return (
    <Stack gap="md">
      <div>
        <Title order={3}>{t('policy.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('policy.hint')}
        </Text>
      </div>
      <SlaPolicyForm key={policy.data.updatedAt ?? 'new'} clientId={clientId} policy={policy.data} />
    </Stack>
  );
};

const SlaPolicyForm = ({ clientId, policy }: { clientId: string; policy: SlaPolicy }) => {
  const { t, i18n } = useTranslation('sla');
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SlaPolicyInput>(() => ({
    enabled: policy.enabled,
    targets: policy.targets,
    warnAtPercent: policy.warnAtPercent,
    calendar: policy.calendar,
  }));
  const form = useFormSave(
    SlaPolicyInputSchema,
    (body) => saveSlaPolicy(clientId, body),
    (saved) => {
      queryClient.setQueryData(queryKeys.slaPolicy(clientId), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      notifySuccess(t('policy.saved'));
    },
  );
  const errors = form.fieldErrors;
  const calendar = draft.calendar;
  const setCalendar = (change: Partial<SlaPolicyInput['calendar']>) =>
    setDraft((d) => ({ ...d, calendar: { ...d.calendar, ...change } }));
  const setTarget = (priority: Priority, metric: keyof SlaTargets, value: number | string) =>
    setDraft((d) => ({
      ...d,
      targets: {
        ...d.targets,
        [priority]: { ...d.targets[priority], [metric]: value === '' ? null : Number(value) },
      },
    }));
  const setDay = (day: Weekday, hours: SlaPolicyInput['calendar']['weekly'][Weekday]) =>
    setCalendar({ weekly: { ...calendar.weekly, [day]: hours } });
  const errorUnder = (prefix: string) =>
    Object.entries(errors).find(([path]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        form.submit(draft);
      }}
      data-testid="sla-policy-form"
      data-updated-at={policy.updatedAt ?? ''}
    >
      <Stack gap="lg">
        {!policy.saved && (
          <Alert color="blue" variant="light" data-testid="sla-policy-unsaved">
            {t('policy.notSaved')}
          </Alert>
        )}
        {form.error && <ErrorAlert error={form.error} />}
        <Switch
          label={t('policy.enabled')}
          checked={draft.enabled}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            setDraft((d) => ({ ...d, enabled }));
          }}
          data-testid="sla-enabled"
        />

        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <div>
              <Text fw={600}>{t('policy.targets')}</Text>
              <Text size="xs" c="dimmed">
                {t('policy.targetsHint')}
              </Text>
            </div>
            <Table withRowBorders={false} verticalSpacing={4} data-testid="sla-targets-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('policy.priority')}</Table.Th>
                  {metrics.map((metric) => (
                    <Table.Th key={metric}>{t(`metric.${metricKey[metric]}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {priorities.map((priority) => (
                  <Table.Tr key={priority}>
                    <Table.Td>
                      <Text size="sm">{t(`priority.${priority}`, { ns: 'translation' })}</Text>
                    </Table.Td>
                    {metrics.map((metric) => (
                      <Table.Td key={metric}>
                        <NumberInput
                          size="xs"
                          min={1}
                          allowDecimal={false}
                          suffix={` ${t('policy.minutes')}`}
                          value={draft.targets[priority][metric] ?? ''}
                          onChange={(value) => setTarget(priority, metric, value)}
                          error={errors[`targets.${priority}.${metric}`]}
                          aria-label={`${t(`priority.${priority}`, { ns: 'translation' })} · ${t(`metric.${metricKey[metric]}`)}`}
                          data-testid={`sla-target-${priority}-${metric}`}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <NumberInput
              w={220}
              label={t('policy.warnAt')}
              min={10}
              max={99}
              allowDecimal={false}
              suffix="%"
              value={draft.warnAtPercent}
              onChange={(value) => setDraft((d) => ({ ...d, warnAtPercent: Number(value) || 0 }))}
              error={errors.warnAtPercent}
              data-testid="sla-warn-at"
            />
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Text fw={600}>{t('policy.calendar')}</Text>
            <Group align="flex-end" gap="md">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('policy.mode')}
                </Text>
                <SegmentedControl
                  value={calendar.mode}
                  onChange={(value) => setCalendar({ mode: value === 'always' ? 'always' : 'business_hours' })}
                  data={[
                    { value: 'always', label: t('policy.always') },
                    { value: 'business_hours', label: t('policy.businessHours') },
                  ]}
                  data-testid="sla-mode"
                />
              </Stack>
              <Select
                w={260}
                label={t('policy.timezone')}
                data={timezones}
                searchable
                value={calendar.timezone}
                onChange={(value) => value && setCalendar({ timezone: value })}
                error={errors['calendar.timezone']}
                allowDeselect={false}
                dir="ltr"
                data-testid="sla-timezone"
              />
            </Group>
            {calendar.mode === 'business_hours' && (
              <>
                <Text size="sm" fw={500} mt="xs">
                  {t('policy.weekly')}
                </Text>
                {errorUnder('calendar.weekly') && (
                  <Text size="xs" c="red">
                    {errorUnder('calendar.weekly')}
                  </Text>
                )}
                <Stack gap={6} data-testid="sla-weekly">
                  {weekOrder(i18n.language).map((day) => (
                    <Group key={day} gap="sm" wrap="nowrap" align="center" data-testid={`sla-day-${day}`}>
                      <Text size="sm" w={100}>
                        {t(`weekday.${day}`)}
                      </Text>
                      {calendar.weekly[day].length === 0 && (
                        <Text size="sm" c="dimmed" w={80}>
                          {t('policy.closed')}
                        </Text>
                      )}
                      {calendar.weekly[day].map((hours, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: openings of a day are edited in place by position
                        <Group key={index} gap={4} wrap="nowrap">
                          <TextInput
                            size="xs"
                            type="time"
                            aria-label={`${t(`weekday.${day}`)} ${t('policy.from')}`}
                            value={hours.from}
                            onChange={(event) => {
                              const from = event.currentTarget.value;
                              setDay(
                                day,
                                calendar.weekly[day].map((h, i) => (i === index ? { ...h, from } : h)),
                              );
                            }}
                            dir="ltr"
                            data-testid={`sla-${day}-${index}-from`}
                          />
                          <Text size="xs">–</Text>
                          <TextInput
                            size="xs"
                            type="time"
                            aria-label={`${t(`weekday.${day}`)} ${t('policy.to')}`}
                            // A time field cannot hold 24:00; its last minute stands for "until midnight".
                            value={hours.to === '24:00' ? '23:59' : hours.to}
                            onChange={(event) => {
                              const raw = event.currentTarget.value;
                              const to = raw === '23:59' ? '24:00' : raw;
                              setDay(
                                day,
                                calendar.weekly[day].map((h, i) => (i === index ? { ...h, to } : h)),
                              );
                            }}
                            dir="ltr"
                            data-testid={`sla-${day}-${index}-to`}
                          />
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('policy.removeHours')}
                            onClick={() =>
                              setDay(
                                day,
                                calendar.weekly[day].filter((_, i) => i !== index),
                              )
                            }
                          >
                            <IconX size={14} />
                          </ActionIcon>
                        </Group>
                      ))}
                      {calendar.weekly[day].length < 4 && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconPlus size={12} />}
                          onClick={() => setDay(day, [...calendar.weekly[day], { from: '09:00', to: '17:00' }])}
                          data-testid={`sla-${day}-add`}
                        >
                          {t('policy.addHours')}
                        </Button>
                      )}
                    </Group>
                  ))}
                </Stack>

                <Text size="sm" fw={500} mt="xs">
                  {t('policy.holidays')}
                </Text>
                <Stack gap={6} data-testid="sla-holidays">
                  {calendar.holidays.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('policy.noHolidays')}
                    </Text>
                  )}
                  {calendar.holidays.map((holiday, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: holidays are edited in place by position
                    <Group key={index} gap="xs" wrap="nowrap">
                      <TextInput
                        size="xs"
                        type="date"
                        aria-label={t('policy.holidayDate')}
                        value={holiday.date}
                        onChange={(event) => {
                          const date = event.currentTarget.value;
                          setCalendar({
                            holidays: calendar.holidays.map((h, i) => (i === index ? { ...h, date } : h)),
                          });
                        }}
                        error={errors[`calendar.holidays.${index}.date`]}
                        dir="ltr"
                        data-testid={`sla-holiday-${index}-date`}
                      />
                      <TextInput
                        size="xs"
                        aria-label={t('policy.holidayName')}
                        placeholder={t('policy.holidayName')}
                        value={holiday.name}
                        onChange={(event) => {
                          const name = event.currentTarget.value;
                          setCalendar({
                            holidays: calendar.holidays.map((h, i) => (i === index ? { ...h, name } : h)),
                          });
                        }}
                        dir="auto"
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('policy.removeHours')}
                        onClick={() => setCalendar({ holidays: calendar.holidays.filter((_, i) => i !== index) })}
                      >
                        <IconX size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <div>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPlus size={12} />}
                      onClick={() =>
                        setCalendar({
                          holidays: [...calendar.holidays, { date: new Date().toISOString().slice(0, 10), name: '' }],
                        })
                      }
                      data-testid="sla-add-holiday"
                    >
                      {t('policy.addHoliday')}
                    </Button>
                  </div>
                </Stack>
              </>
            )}
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={form.saving} data-testid="sla-save">
            {t('policy.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
