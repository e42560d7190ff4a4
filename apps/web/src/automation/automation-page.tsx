import { Group, Select, Tabs, Text } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useClients } from '../desk/use-clients';
import { IconBolt, IconHistory, IconWand } from './automation-icons';
import { MacrosTab } from './macros-tab';
import { RulesTab } from './rules-tab';
import { RunsTab } from './runs-tab';

const route = getRouteApi('/app/admin/automation');
const agency = 'agency';

/** Admin → Automation: one owner at a time (a client, or agency-wide), with its rules, macros and recent runs. */
export const AutomationPage = () => {
  const { t } = useTranslation('automation');
  const navigate = useNavigate();
  const search = route.useSearch();
  const clients = useClients();
  const owner = search.client ?? clients.data?.[0]?.id ?? agency;
  const clientId = owner === agency ? null : owner;
  const tab = search.tab ?? 'rules';
  const go = (next: { client?: string; tab?: 'rules' | 'macros' | 'runs' }) =>
    void navigate({ to: '/admin/automation', search: { client: owner, tab, ...next } });

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Text size="sm" c="dimmed" maw={620}>
          {t('hint')}
        </Text>
        <Select
          label={t('owner.label')}
          w={280}
          data={[
            ...(clients.data ?? []).map((client) => ({ value: client.id, label: client.name })),
            { value: agency, label: t('owner.agency') },
          ]}
          value={owner}
          onChange={(value) => value && go({ client: value })}
          allowDeselect={false}
          data-testid="automation-owner"
        />
      </Group>
      <Tabs value={tab} onChange={(value) => go({ tab: (value as 'rules' | 'macros' | 'runs') ?? 'rules' })} mb="md">
        <Tabs.List>
          <Tabs.Tab value="rules" leftSection={<IconBolt size={16} />} data-testid="automation-tab-rules">
            {t('tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="macros" leftSection={<IconWand size={16} />} data-testid="automation-tab-macros">
            {t('tabs.macros')}
          </Tabs.Tab>
          <Tabs.Tab value="runs" leftSection={<IconHistory size={16} />} data-testid="automation-tab-runs">
            {t('tabs.runs')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {clients.isPending ? null : tab === 'rules' ? (
        <RulesTab key={owner} clientId={clientId} />
      ) : tab === 'macros' ? (
        <MacrosTab key={owner} clientId={clientId} />
      ) : (
        <RunsTab key={owner} clientId={clientId} />
      )}
    </>
  );
};
