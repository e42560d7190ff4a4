import { Paper, Table, Text } from '@mantine/core';
import type { Client } from '@switchboard/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClients } from '../desk/use-clients';
import { useFormat } from '../format/use-format';
import { ClientBadge } from '../ui/client-badge';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { ActiveBadge } from './active-badge';
import { ClientFormModal } from './client-form-modal';
import { SectionHeader } from './section-header';

export const AdminClientsPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const clients = useClients();
  const [creating, setCreating] = useState(false);

  const openClient = (client: Client) =>
    void navigate({ to: '/admin/clients/$clientId', params: { clientId: client.id }, search: {} });

  return (
    <>
      <SectionHeader
        title={t('admin.clients')}
        description={t('admin.clientsHint')}
        actionLabel={t('admin.newClient')}
        onAction={() => setCreating(true)}
        actionTestId="new-client"
      />
      {clients.isPending ? (
        <PageLoader />
      ) : clients.isError ? (
        <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" data-testid="clients-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.fields.name')}</Table.Th>
                <Table.Th>{t('admin.fields.slug')}</Table.Th>
                <Table.Th>{t('admin.fields.ticketPrefix')}</Table.Th>
                <Table.Th>{t('admin.fields.locale')}</Table.Th>
                <Table.Th>{t('admin.fields.timezone')}</Table.Th>
                <Table.Th>{t('admin.fields.status')}</Table.Th>
                <Table.Th>{t('admin.fields.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clients.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed" ta="center" py="lg">
                      {t('admin.noClients')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {clients.data.map((client) => (
                <Table.Tr key={client.id} style={{ cursor: 'pointer' }} onClick={() => openClient(client)}>
                  <Table.Td>
                    <ClientBadge client={client} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {client.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td>{client.ticketPrefix}</Table.Td>
                  <Table.Td>{client.locale === 'fa' ? 'فارسی' : 'English'}</Table.Td>
                  <Table.Td>{client.timezone}</Table.Td>
                  <Table.Td>
                    <ActiveBadge active={client.active} />
                  </Table.Td>
                  <Table.Td>{format.date(client.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {creating && <ClientFormModal opened onClose={() => setCreating(false)} onSaved={openClient} />}
    </>
  );
};
