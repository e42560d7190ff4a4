import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import type { CreatedPhoneLine, PhoneLine, PhoneQueue } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../../admin/section-header';
import { useFormat } from '../../format/use-format';
import { ErrorAlert } from '../../ui/error-alert';
import { PageLoader } from '../../ui/page-loader';
import { getPhoneSetup, phoneKeys } from '../phone-api';
import { CtiTokenModal } from './cti-token-modal';
import { PhoneLineFormModal } from './phone-line-form-modal';
import { PhoneQueueFormModal } from './phone-queue-form-modal';
import { PhoneSettingsForm } from './phone-settings-form';

/** A client's phone in the admin client page: recording consent, call queues, lines. */
export const PhoneSetupTab = ({ clientId }: { clientId: string }) => {
  const { t } = useTranslation('phone');
  const format = useFormat();
  const setup = useQuery({
    queryKey: phoneKeys.setup(clientId),
    queryFn: ({ signal }) => getPhoneSetup(clientId, signal),
  });
  const [line, setLine] = useState<PhoneLine | 'new' | null>(null);
  const [queue, setQueue] = useState<PhoneQueue | 'new' | null>(null);
  const [created, setCreated] = useState<CreatedPhoneLine | null>(null);

  if (setup.isPending) return <PageLoader />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;
  const { queues, lines, scripts, settings } = setup.data;
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? '—';
  const scriptTitle = (groupId: string | null) =>
    groupId ? (scripts.find((s) => s.groupId === groupId)?.title ?? '—') : t('setup.noScript');

  return (
    <Stack gap="xl">
      <div>
        <SectionHeader
          title={t('setup.lines')}
          description={t('setup.linesHint')}
          actionLabel={t('setup.newLine')}
          onAction={() => (queues.length > 0 ? setLine('new') : setQueue('new'))}
          actionTestId="new-phone-line"
        />
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" data-testid="phone-lines-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('setup.name')}</Table.Th>
                <Table.Th>{t('setup.number')}</Table.Th>
                <Table.Th>{t('setup.provider')}</Table.Th>
                <Table.Th>{t('setup.queue')}</Table.Th>
                <Table.Th>{t('setup.recording')}</Table.Th>
                <Table.Th>{t('setup.script')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" ta="center" py="lg">
                      {queues.length === 0 ? t('setup.noQueuesYet') : t('setup.noLines')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {lines.map((row) => (
                <Table.Tr
                  key={row.id}
                  data-testid="phone-line-row"
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => setLine(row)}
                  onKeyDown={(event) => event.key === 'Enter' && setLine(row)}
                >
                  <Table.Td fw={500}>
                    {row.name} {!row.active && <Badge color="gray">{t('setup.inactive')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <bdi>{row.number}</bdi>
                  </Table.Td>
                  <Table.Td>{t(`setup.providers.${row.provider}`)}</Table.Td>
                  <Table.Td>
                    {queueName(row.queueId)}
                    {row.ivr && (
                      <Text size="xs" c="dimmed">
                        {t('setup.ivrSummary', {
                          count: row.ivr.options.length,
                          n: format.number(row.ivr.options.length),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={row.record ? 'red' : 'gray'} variant="light">
                      {row.record ? t('setup.recordOn') : t('setup.recordOff')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{scriptTitle(row.scriptGroupId)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </div>

      <div>
        <SectionHeader
          title={t('setup.queues')}
          description={t('setup.queuesHint')}
          actionLabel={t('setup.newQueue')}
          onAction={() => setQueue('new')}
          actionTestId="new-phone-queue"
        />
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" data-testid="phone-queues-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('setup.name')}</Table.Th>
                <Table.Th>{t('setup.holdAudio')}</Table.Th>
                <Table.Th>{t('setup.maxWait')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queues.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed" ta="center" py="lg">
                      {t('setup.noQueues')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {queues.map((row) => (
                <Table.Tr
                  key={row.id}
                  data-testid="phone-queue-row"
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => setQueue(row)}
                  onKeyDown={(event) => event.key === 'Enter' && setQueue(row)}
                >
                  <Table.Td fw={500}>{row.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      <bdi>{row.holdAudioUrl ?? t('setup.defaultHoldAudio')}</bdi>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t('setup.seconds', { count: row.maxWaitSeconds, n: format.number(row.maxWaitSeconds) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </div>

      <PhoneSettingsForm clientId={clientId} settings={settings} />

      {line && (
        <PhoneLineFormModal
          key={line === 'new' ? 'new' : line.id}
          clientId={clientId}
          setup={setup.data}
          line={line === 'new' ? undefined : line}
          onClose={() => setLine(null)}
          onCreated={(made) => made.ctiToken && setCreated(made)}
        />
      )}
      {queue && (
        <PhoneQueueFormModal
          key={queue === 'new' ? 'new' : queue.id}
          clientId={clientId}
          queue={queue === 'new' ? undefined : queue}
          onClose={() => setQueue(null)}
        />
      )}
      {created && <CtiTokenModal line={created} onClose={() => setCreated(null)} />}
    </Stack>
  );
};
