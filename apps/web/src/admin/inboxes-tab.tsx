import { Code, Paper, Stack, Table, Text } from '@mantine/core';
import type { Inbox } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listInboxes } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';
import { EmailSettingsButton, EmailSettingsModal, ImapStatus } from '../email';
import { ChannelIcon } from '../ui/channel-icon';
import { ErrorAlert } from '../ui/error-alert';
import { PageLoader } from '../ui/page-loader';
import { ActiveBadge } from './active-badge';
import { InboxFormModal } from './inbox-form-modal';
import { SectionHeader } from './section-header';

/** The one setting that identifies an inbox to a person: its address, number or origin list. */
const settingsSummary = (inbox: Inbox): string => {
  switch (inbox.settings.channel) {
    case 'email':
      return inbox.settings.address;
    case 'phone':
      return inbox.settings.number;
    case 'chat':
      return inbox.settings.allowedOrigins.join(', ');
    case 'api':
      return '';
  }
};

export const InboxesTab = ({ clientId }: { clientId: string }) => {
  const { t } = useTranslation();
  const inboxes = useQuery({ queryKey: queryKeys.inboxes(clientId), queryFn: () => listInboxes(clientId) });
  const [editing, setEditing] = useState<Inbox | 'new' | null>(null);
  const [emailSettingsOf, setEmailSettingsOf] = useState<Inbox | null>(null);
  const hasEmail = inboxes.data?.some((inbox) => inbox.channel === 'email') ?? false;

  return (
    <>
      <SectionHeader
        title={t('admin.inboxes')}
        description={t('admin.inboxesHint')}
        actionLabel={t('admin.newInbox')}
        onAction={() => setEditing('new')}
        actionTestId="new-inbox"
      />
      {inboxes.isPending ? (
        <PageLoader />
      ) : inboxes.isError ? (
        <ErrorAlert error={inboxes.error} onRetry={() => void inboxes.refetch()} />
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" data-testid="inboxes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>{t('admin.fields.name')}</Table.Th>
                <Table.Th>{t('admin.inbox.settings')}</Table.Th>
                <Table.Th>{t('admin.inbox.key')}</Table.Th>
                <Table.Th>{t('admin.fields.status')}</Table.Th>
                {hasEmail && <Table.Th>{t('email:inbox.column')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inboxes.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={hasEmail ? 6 : 5}>
                    <Text c="dimmed" ta="center" py="lg">
                      {t('admin.noInboxes')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {inboxes.data.map((inbox) => (
                <Table.Tr key={inbox.id} style={{ cursor: 'pointer' }} onClick={() => setEditing(inbox)}>
                  <Table.Td>
                    <ChannelIcon channel={inbox.channel} />
                  </Table.Td>
                  <Table.Td fw={500}>{inbox.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <bdi>{settingsSummary(inbox)}</bdi>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{inbox.key}</Code>
                  </Table.Td>
                  <Table.Td>
                    <ActiveBadge active={inbox.active} />
                  </Table.Td>
                  {hasEmail && (
                    <Table.Td>
                      {inbox.channel === 'email' && (
                        <Stack gap={4} align="flex-start">
                          <ImapStatus inboxId={inbox.id} />
                          <EmailSettingsButton onOpen={() => setEmailSettingsOf(inbox)} />
                        </Stack>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <InboxFormModal
          key={editing === 'new' ? 'new' : editing.id}
          clientId={clientId}
          inbox={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {emailSettingsOf && (
        <EmailSettingsModal
          key={emailSettingsOf.id}
          clientId={clientId}
          inbox={emailSettingsOf}
          onClose={() => setEmailSettingsOf(null)}
        />
      )}
    </>
  );
};
