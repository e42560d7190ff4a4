import { Badge, Checkbox, Container, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type Call, CallResultCode } from '@switchboard/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';
import { useClients } from '../desk/use-clients';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { listCalls, phoneKeys } from './phone-api';

type Filters = { clientId?: string; resultCode?: string; from?: string; to?: string; withRecording?: string };

/**
 * The recordings panel: supervisors review calls across clients for quality; client users see their
 * own business's calls only (the server scopes them), with the recording played through the
 * authorised audio route.
 */
export const CallsPage = () => {
  const { t } = useTranslation('phone');
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const calls = useQuery({
    queryKey: phoneKeys.calls(filters),
    queryFn: ({ signal }) => listCalls({ ...filters, limit: '100' }, signal),
    placeholderData: keepPreviousData,
  });
  const set = (change: Filters) => setFilters((previous) => ({ ...previous, ...change }));

  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <Title order={2}>{me.kind === 'client' ? t('portalTitle') : t('panelTitle')}</Title>
        <Paper withBorder p="sm">
          <Group gap="sm" align="end">
            {me.kind === 'agency' && (
              <ClientFilter value={filters.clientId} onChange={(clientId) => set({ clientId })} />
            )}
            <Select
              label={t('resultCode')}
              clearable
              data={CallResultCode.options.map((code) => ({ value: code, label: t(`result.${code}`) }))}
              value={filters.resultCode ?? null}
              onChange={(value) => set({ resultCode: value ?? undefined })}
              data-testid="filter-result"
            />
            <TextInput
              type="date"
              label={t('from')}
              value={filters.from ?? ''}
              onChange={(event) => set({ from: event.currentTarget.value || undefined })}
            />
            <TextInput
              type="date"
              label={t('to')}
              value={filters.to ?? ''}
              onChange={(event) => set({ to: event.currentTarget.value || undefined })}
            />
            <Checkbox
              label={t('withRecording')}
              checked={filters.withRecording === 'true'}
              onChange={(event) => set({ withRecording: event.currentTarget.checked ? 'true' : undefined })}
              mb={8}
            />
          </Group>
        </Paper>
        {calls.error && <ErrorAlert error={calls.error} />}
        <Paper withBorder>
          <Table striped highlightOnHover data-testid="calls-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('when')}</Table.Th>
                {me.kind === 'agency' && <Table.Th>{t('client')}</Table.Th>}
                <Table.Th>{t('caller')}</Table.Th>
                <Table.Th>{t('agent')}</Table.Th>
                <Table.Th>{t('stateLabel')}</Table.Th>
                <Table.Th>{t('duration')}</Table.Th>
                <Table.Th>{t('resultCode')}</Table.Th>
                <Table.Th>{t('recording')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {calls.data?.map((call) => (
                <CallRow key={call.id} call={call} showClient={me.kind === 'agency'} />
              ))}
            </Table.Tbody>
          </Table>
          {calls.data?.length === 0 && (
            <Text c="dimmed" p="md" ta="center">
              {t('noCalls')}
            </Text>
          )}
        </Paper>
      </Stack>
    </Container>
  );
};

const ClientFilter = ({
  value,
  onChange,
}: {
  value?: string | undefined;
  onChange: (value: string | undefined) => void;
}) => {
  const { t } = useTranslation('phone');
  const clients = useClients();
  return (
    <Select
      label={t('client')}
      clearable
      data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
      value={value ?? null}
      onChange={(next) => onChange(next ?? undefined)}
      data-testid="filter-client"
    />
  );
};

const CallRow = ({ call, showClient }: { call: Call; showClient: boolean }) => {
  const { t } = useTranslation('phone');
  const format = useFormat();
  const recording = call.recordings.find((item) => item.audioUrl);
  const minutes =
    call.durationSeconds === null
      ? ''
      : `${format.number(Math.floor(call.durationSeconds / 60))}:${format.number(call.durationSeconds % 60).padStart(2, format.number(0))}`;
  return (
    <Table.Tr data-testid="call-row">
      <Table.Td>{format.dateTime(call.startedAt)}</Table.Td>
      {showClient && <Table.Td>{call.clientName}</Table.Td>}
      <Table.Td>
        <Text size="sm">{call.contact.name}</Text>
        <Text size="xs" c="dimmed" dir="ltr" style={{ textAlign: 'start' }}>
          {call.direction === 'inbound' ? call.fromNumber : call.toNumber}
        </Text>
      </Table.Td>
      <Table.Td>{call.agent?.name ?? '—'}</Table.Td>
      <Table.Td>
        <Badge variant="light">{t(`state.${call.state}`)}</Badge>
      </Table.Td>
      <Table.Td>{minutes}</Table.Td>
      <Table.Td>
        {call.resultCode ? t(`result.${call.resultCode}`) : '—'}
        {call.resultNotes && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {call.resultNotes}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {recording?.audioUrl ? (
          // biome-ignore lint/a11y/useMediaCaption: call recordings have no caption track
          <audio
            controls
            preload="none"
            src={recording.audioUrl}
            data-testid="recording-audio"
            style={{ height: 32 }}
          />
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
};
