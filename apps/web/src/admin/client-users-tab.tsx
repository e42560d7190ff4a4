import { Paper, Table, Text } from '@mantine/core';
import type { ClientUser } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listClientUsers } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { useFormat } from '../format/use-format';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { ActiveBadge } from './active-badge';
import { ClientUserFormModal } from './client-user-form-modal';
import { SectionHeader } from './section-header';

export const ClientUsersTab = ({ clientId }: { clientId: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const users = useQuery({ queryKey: queryKeys.clientUsers(clientId), queryFn: () => listClientUsers(clientId) });
  const [editing, setEditing] = useState<ClientUser | 'new' | null>(null);

  return (
    <>
      <SectionHeader
        title={t('admin.clientUsers')}
        description={t('admin.clientUsersHint')}
        actionLabel={t('admin.newClientUser')}
        onAction={() => setEditing('new')}
        actionTestId="new-client-user"
      />
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.fields.name')}</Table.Th>
                <Table.Th>{t('admin.fields.email')}</Table.Th>
                <Table.Th>{t('admin.fields.locale')}</Table.Th>
                <Table.Th>{t('admin.fields.status')}</Table.Th>
                <Table.Th>{t('admin.fields.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" ta="center" py="lg">
                      {t('admin.noClientUsers')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {users.data.map((user) => (
                <Table.Tr key={user.id} style={{ cursor: 'pointer' }} onClick={() => setEditing(user)}>
                  <Table.Td fw={500}>{user.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <bdi>{user.email}</bdi>
                    </Text>
                  </Table.Td>
                  <Table.Td>{user.locale === 'fa' ? 'فارسی' : 'English'}</Table.Td>
                  <Table.Td>
                    <ActiveBadge active={user.active} />
                  </Table.Td>
                  <Table.Td>{format.date(user.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <ClientUserFormModal
          key={editing === 'new' ? 'new' : editing.id}
          clientId={clientId}
          user={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
};
