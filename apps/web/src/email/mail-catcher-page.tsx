import { ActionIcon, Group, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import type { CaughtEmail } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../admin/section-header';
import { queryKeys } from '../api/query-keys';
import { useClients } from '../desk/use-clients';
import { useFormat } from '../format/use-format';
import { ClientBadge } from '../ui/client-badge';
import { ErrorAlert } from '../ui/error-alert';
import { IconRefresh } from '../ui/icons';
import { PageLoader } from '../ui/page-loader';
import { CaughtEmailModal } from './caught-email-modal';
import { listCaughtEmails } from './email-api';

const limits = ['50', '100', '200'];

/** Demo mode's outbox: every e-mail Switchboard would have sent, for managers to inspect. */
export const MailCatcherPage = () => {
  const { t } = useTranslation('email');
  const format = useFormat();
  const [limit, setLimit] = useState(50);
  const [open, setOpen] = useState<CaughtEmail | null>(null);
  const clients = useClients();
  const caught = useQuery({
    queryKey: [...queryKeys.mailCatcher, limit],
    queryFn: ({ signal }) => listCaughtEmails(limit, signal),
    // Mail leaves through a background job a moment after the reply; keep the list current while it is open.
    refetchInterval: 10_000,
  });
  const clientOf = (clientId: string) => clients.data?.find((client) => client.id === clientId);

  return (
    <>
      <SectionHeader title={t('catcher.title')} description={t('catcher.hint')} />
      <Group justify="flex-end" gap="xs" mb="sm">
        <Select
          size="xs"
          w={110}
          data={limits.map((value) => ({ value, label: t('catcher.limit', { count: Number(value) }) }))}
          value={String(limit)}
          onChange={(value) => value && setLimit(Number(value))}
          allowDeselect={false}
          aria-label={t('catcher.limitLabel')}
        />
        <Tooltip label={t('catcher.refresh')}>
          <ActionIcon
            variant="default"
            aria-label={t('catcher.refresh')}
            loading={caught.isFetching}
            onClick={() => void caught.refetch()}
            data-testid="mail-catcher-refresh"
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {caught.isPending ? (
        <PageLoader />
      ) : caught.isError ? (
        <ErrorAlert error={caught.error} onRetry={() => void caught.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" data-testid="mail-catcher-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>{t('catcher.time')}</Table.Th>
                <Table.Th w={150}>{t('catcher.client')}</Table.Th>
                <Table.Th>{t('catcher.from')}</Table.Th>
                <Table.Th>{t('catcher.to')}</Table.Th>
                <Table.Th>{t('catcher.subject')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {caught.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" ta="center" py="lg">
                      {t('catcher.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {caught.data.items.map((mail) => {
                const client = clientOf(mail.clientId);
                return (
                  <Table.Tr
                    key={mail.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setOpen(mail)}
                    tabIndex={0}
                    onKeyDown={(event) => event.key === 'Enter' && setOpen(mail)}
                    data-testid="caught-email-row"
                  >
                    <Table.Td>
                      <Text size="sm" title={format.dateTime(mail.createdAt)}>
                        {format.smart(mail.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{client ? <ClientBadge client={client} /> : null}</Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="ltr" className="user-text" style={{ overflowWrap: 'anywhere' }}>
                        {mail.from}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="ltr" className="user-text" style={{ overflowWrap: 'anywhere' }}>
                        {mail.to}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="auto" className="user-text" lineClamp={2}>
                        {mail.subject}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {open && <CaughtEmailModal mail={open} onClose={() => setOpen(null)} />}
    </>
  );
};
