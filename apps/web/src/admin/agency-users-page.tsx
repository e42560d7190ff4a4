import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import type { AgencyUser } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAgencyUsers } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { useClients } from '../desk/use-clients';
import { ClientBadge } from '../ui/client-badge';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { ActiveBadge } from './active-badge';
import { AgencyUserFormModal } from './agency-user-form-modal';
import { SectionHeader } from './section-header';

export const AgencyUsersPage = () => {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: queryKeys.agencyUsers, queryFn: listAgencyUsers });
  const clients = useClients();
  const [editing, setEditing] = useState<AgencyUser | 'new' | null>(null);
  const clientById = new Map((clients.data ?? []).map((client) => [client.id, client]));

  return (
    <>
      <SectionHeader
        title={t('admin.agencyUsers')}
        description={t('admin.agencyUsersHint')}
        actionLabel={t('admin.newAgencyUser')}
        onAction={() => setEditing('new')}
        actionTestId="new-agency-user"
      />
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="agency-users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.fields.name')}</Table.Th>
                  <Table.Th>{t('admin.fields.role')}</Table.Th>
                  <Table.Th>{t('admin.fields.tier')}</Table.Th>
                  <Table.Th>{t('admin.fields.skills')}</Table.Th>
                  <Table.Th>{t('admin.fields.languages')}</Table.Th>
                  <Table.Th>{t('admin.fields.capacityShort')}</Table.Th>
                  <Table.Th>{t('admin.fields.servesClients')}</Table.Th>
                  <Table.Th>{t('admin.fields.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((user) => (
                  <Table.Tr key={user.id} style={{ cursor: 'pointer' }} onClick={() => setEditing(user)}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {user.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <bdi>{user.email}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                    <Table.Td>{t('controls.tierN', { tier: user.tier })}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {user.skills.map((skill) => (
                          <Badge key={skill} variant="outline" color="gray" size="sm" style={{ textTransform: 'none' }}>
                            {skill}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{user.languages.join(', ')}</Table.Td>
                    <Table.Td>
                      <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                        {t('admin.capacitySummary', user.capacity)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {user.clientIds.map((clientId) => {
                          const client = clientById.get(clientId);
                          return client ? <ClientBadge key={clientId} client={client} /> : null;
                        })}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge active={user.active} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && (
        <AgencyUserFormModal
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
};
