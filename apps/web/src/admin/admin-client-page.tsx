import { Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClients } from '../desk/use-clients';
import { EscalationSettingsTab } from '../escalation';
import { PhoneSetupTab } from '../phone/setup/phone-setup-tab';
import { RoutingSettingsTab } from '../routing/routing-settings-tab';
import { SlaPolicyTab } from '../sla/sla-policy-tab';
import { ClientBadge } from '../ui/client-badge';
import { ErrorAlert } from '../ui/error-alert';
import { IconArrowLeft, IconArrowRight, IconPencil } from '../ui/icons';
import { PageLoader } from '../ui/page-loader';
import { ActiveBadge } from './active-badge';
import { ClientFormModal } from './client-form-modal';
import { ClientUsersTab } from './client-users-tab';
import { InboxesTab } from './inboxes-tab';

const route = getRouteApi('/app/admin/clients/$clientId');

export const AdminClientPage = () => {
  const { t, i18n } = useTranslation();
  const { clientId } = route.useParams();
  const { tab = 'inboxes' } = route.useSearch();
  const navigate = route.useNavigate();
  const clients = useClients();
  const [editing, setEditing] = useState(false);
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;

  if (clients.isPending) return <PageLoader />;
  if (clients.isError) return <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} />;
  const client = clients.data.find((candidate) => candidate.id === clientId);
  if (!client) return <ErrorAlert error={new Error(t('errors.notFound'))} />;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/admin/clients" size="sm">
        <Group gap={4}>
          <BackIcon size={14} />
          {t('admin.allClients')}
        </Group>
      </Anchor>
      <Group justify="space-between">
        <div>
          <Group gap="sm">
            <Title order={2} data-testid="admin-client-name">
              {client.name}
            </Title>
            <ClientBadge client={client} />
            <ActiveBadge active={client.active} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('admin.clientSummary', {
              slug: client.slug,
              prefix: client.ticketPrefix,
              timezone: client.timezone,
              locale: client.locale === 'fa' ? 'فارسی' : 'English',
            })}
          </Text>
        </div>
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
          {t('admin.editClient')}
        </Button>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) =>
          void navigate({
            search: {
              tab:
                value === 'users' ||
                value === 'phone' ||
                value === 'routing' ||
                value === 'sla' ||
                value === 'escalation'
                  ? value
                  : 'inboxes',
            },
          })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="inboxes" data-testid="tab-inboxes">
            {t('admin.inboxes')}
          </Tabs.Tab>
          <Tabs.Tab value="users" data-testid="tab-client-users">
            {t('admin.clientUsers')}
          </Tabs.Tab>
          <Tabs.Tab value="phone" data-testid="tab-phone">
            {t('setup.tab', { ns: 'phone' })}
          </Tabs.Tab>
          <Tabs.Tab value="routing" data-testid="tab-routing">
            {t('tab.routing', { ns: 'routing' })}
          </Tabs.Tab>
          <Tabs.Tab value="sla" data-testid="tab-sla">
            {t('sla:policy.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="escalation" data-testid="tab-escalation">
            {t('settings.tab', { ns: 'escalation' })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inboxes" pt="md">
          {tab === 'inboxes' && <InboxesTab clientId={client.id} />}
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          {tab === 'users' && <ClientUsersTab clientId={client.id} />}
        </Tabs.Panel>
        <Tabs.Panel value="phone" pt="md">
          {tab === 'phone' && <PhoneSetupTab clientId={client.id} />}
        </Tabs.Panel>
        <Tabs.Panel value="routing" pt="md">
          {tab === 'routing' && <RoutingSettingsTab clientId={client.id} />}
        </Tabs.Panel>
        <Tabs.Panel value="sla" pt="md">
          {tab === 'sla' && <SlaPolicyTab clientId={client.id} />}
        </Tabs.Panel>
        <Tabs.Panel value="escalation" pt="md">
          {tab === 'escalation' && <EscalationSettingsTab clientId={client.id} />}
        </Tabs.Panel>
      </Tabs>
      {editing && <ClientFormModal key={client.id} client={client} opened onClose={() => setEditing(false)} />}
    </Stack>
  );
};
