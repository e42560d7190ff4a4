import { Button, Group, Kbd, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Channel, ConversationStatus, Priority } from '@switchboard/contracts';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';
import { IconSearch } from '../ui/icons';
import { useDeskFocus } from './desk-context';
import type { DeskSearch } from './desk-search';
import { useAgentsAcross } from './use-assignable-agents';
import { useClients } from './use-clients';

const deskRoute = getRouteApi('/app/desk');

/** The server's order when none is asked for: SLA due first for unresolved lists (open is the default view). */
const defaultSort = (status: DeskSearch['status']) => (status === 'resolved' || status === 'any' ? 'recent' : 'sla');

export const DeskFilters = ({ compact }: { compact: boolean }) => {
  const { t } = useTranslation();
  const me = useMe();
  const search = deskRoute.useSearch();
  const navigate = deskRoute.useNavigate();
  const { search: searchRef } = useDeskFocus();
  const clients = useClients();
  const agents = useAgentsAcross(search.clientId ? [search.clientId] : (clients.data ?? []).map((client) => client.id));
  const [q, setQ] = useState(search.q ?? '');

  useEffect(() => setQ(search.q ?? ''), [search.q]);

  const update = (change: Partial<DeskSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...change }), replace: true });
  const updateQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const assigneeOptions = [
    { value: '', label: t('filters.anyAssignee') },
    { value: 'me', label: t('filters.me') },
    { value: 'none', label: t('filters.unassigned') },
    ...agents.filter((agent) => agent.id !== me.id).map((agent) => ({ value: agent.id, label: agent.name })),
  ];
  const width = compact ? 130 : 150;
  const hasFilters = Object.values(search).some((value) => value !== undefined);

  return (
    <Group gap="xs" wrap="wrap" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} bg="white">
      <TextInput
        ref={searchRef}
        size="xs"
        leftSection={<IconSearch size={14} />}
        rightSection={<Kbd size="xs">/</Kbd>}
        placeholder={t('filters.search')}
        aria-label={t('filters.search')}
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          updateQuery(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
          if (event.key === 'Enter') update({ q: event.currentTarget.value.trim() || undefined });
        }}
        style={{ flex: compact ? '1 1 100%' : '1 1 220px' }}
        data-testid="desk-search"
      />
      <Select
        size="xs"
        w={width}
        aria-label={t('filters.client')}
        placeholder={t('filters.client')}
        data={[
          { value: '', label: t('filters.allClients') },
          ...(clients.data ?? []).map((client) => ({ value: client.id, label: client.name })),
        ]}
        value={search.clientId ?? ''}
        onChange={(value) => update({ clientId: value || undefined, assignee: undefined })}
        allowDeselect={false}
        data-testid="filter-client"
      />
      <Select
        size="xs"
        w={width}
        aria-label={t('filters.status')}
        data={[
          { value: 'any', label: t('filters.anyStatus') },
          ...ConversationStatus.options.map((status) => ({ value: status, label: t(`status.${status}`) })),
        ]}
        value={search.status ?? 'open'}
        onChange={(value) =>
          update({ status: value === 'open' || !value ? undefined : (value as DeskSearch['status']) })
        }
        allowDeselect={false}
        data-testid="filter-status"
      />
      <Select
        size="xs"
        w={width}
        aria-label={t('filters.assignee')}
        data={assigneeOptions}
        value={search.assignee ?? ''}
        onChange={(value) => update({ assignee: (value || undefined) as DeskSearch['assignee'] })}
        allowDeselect={false}
        searchable
        data-testid="filter-assignee"
      />
      <Select
        size="xs"
        w={compact ? 110 : 130}
        aria-label={t('filters.channel')}
        data={[
          { value: '', label: t('filters.anyChannel') },
          ...Channel.options.map((channel) => ({ value: channel, label: t(`channel.${channel}`) })),
        ]}
        value={search.channel ?? ''}
        onChange={(value) => update({ channel: (value || undefined) as DeskSearch['channel'] })}
        allowDeselect={false}
      />
      <Select
        size="xs"
        w={compact ? 110 : 130}
        aria-label={t('filters.priority')}
        data={[
          { value: '', label: t('filters.anyPriority') },
          ...Priority.options.map((priority) => ({ value: priority, label: t(`priority.${priority}`) })),
        ]}
        value={search.priority ?? ''}
        onChange={(value) => update({ priority: (value || undefined) as DeskSearch['priority'] })}
        allowDeselect={false}
      />
      <Select
        size="xs"
        w={compact ? 130 : 150}
        aria-label={t('sla:sort.label')}
        data={(['sla', 'waiting', 'recent'] as const).map((sort) => ({ value: sort, label: t(`sla:sort.${sort}`) }))}
        value={search.sort ?? defaultSort(search.status)}
        onChange={(value) =>
          update({ sort: !value || value === defaultSort(search.status) ? undefined : (value as DeskSearch['sort']) })
        }
        allowDeselect={false}
        data-testid="desk-sort"
      />
      {hasFilters && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          onClick={() => {
            setQ('');
            void navigate({ search: {}, replace: true });
          }}
        >
          {t('filters.reset')}
        </Button>
      )}
    </Group>
  );
};
