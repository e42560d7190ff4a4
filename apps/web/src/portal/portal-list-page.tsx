import {
  Box,
  Button,
  Center,
  Container,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Channel, ConversationStatus } from '@switchboard/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPortalConversations } from '../api/portal-api';
import { queryKeys } from '../api/query-keys';
import { useMe } from '../auth/me-query';
import { ErrorAlert } from '../ui/error-alert';
import { IconInbox, IconSearch } from '../ui/icons';
import type { PortalSearch } from './portal-search';
import { PortalTable } from './portal-table';

const portalRoute = getRouteApi('/app/portal/');

export const PortalListPage = () => {
  const { t } = useTranslation();
  const me = useMe();
  const search = portalRoute.useSearch();
  const navigate = portalRoute.useNavigate();
  const [q, setQ] = useState(search.q ?? '');
  useEffect(() => setQ(search.q ?? ''), [search.q]);

  const update = (change: Partial<PortalSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...change }), replace: true });
  const updateQuery = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const filters = { q: search.q?.trim() || undefined, channel: search.channel, status: search.status };
  const list = useInfiniteQuery({
    queryKey: queryKeys.portalList(filters),
    queryFn: ({ pageParam, signal }) => listPortalConversations(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const conversations = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Container size="xl" py="lg">
      <Stack gap="md">
        <div>
          <Text size="sm" c="dimmed">
            {me.kind === 'client' ? me.client.name : ''}
          </Text>
          <Title order={2}>{t('portal.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('portal.subtitle')}
          </Text>
        </div>
        <Paper withBorder radius="md">
          <Group gap="xs" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <TextInput
              size="sm"
              leftSection={<IconSearch size={16} />}
              placeholder={t('portal.search')}
              aria-label={t('portal.search')}
              value={q}
              onChange={(event) => {
                setQ(event.currentTarget.value);
                updateQuery(event.currentTarget.value);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') update({ q: event.currentTarget.value.trim() || undefined });
              }}
              style={{ flex: '1 1 260px' }}
              data-testid="portal-search"
            />
            <Select
              size="sm"
              w={160}
              aria-label={t('filters.channel')}
              data={[
                { value: '', label: t('filters.anyChannel') },
                ...Channel.options.map((channel) => ({ value: channel, label: t(`channel.${channel}`) })),
              ]}
              value={search.channel ?? ''}
              onChange={(value) => update({ channel: (value || undefined) as PortalSearch['channel'] })}
              allowDeselect={false}
            />
            <Select
              size="sm"
              w={160}
              aria-label={t('filters.status')}
              data={[
                { value: '', label: t('filters.anyStatus') },
                ...ConversationStatus.options.map((status) => ({ value: status, label: t(`status.${status}`) })),
              ]}
              value={search.status ?? ''}
              onChange={(value) => update({ status: (value || undefined) as PortalSearch['status'] })}
              allowDeselect={false}
            />
          </Group>
          {list.isPending ? (
            <Stack p="sm" gap={6}>
              {Array.from({ length: 6 }, (_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                <Skeleton key={index} height={44} />
              ))}
            </Stack>
          ) : list.isError && conversations.length === 0 ? (
            <Box p="md">
              <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
            </Box>
          ) : conversations.length === 0 ? (
            <Center p="xl" mih={200}>
              <Stack align="center" gap={6}>
                <IconInbox size={40} stroke={1.3} color="var(--mantine-color-gray-5)" />
                <Text fw={600}>{t('portal.emptyTitle')}</Text>
                <Text size="sm" c="dimmed">
                  {t('portal.emptyHint')}
                </Text>
              </Stack>
            </Center>
          ) : (
            <PortalTable
              conversations={conversations}
              onOpen={(number) => void navigate({ to: '/portal/$number', params: { number } })}
            />
          )}
          {list.hasNextPage && (
            <Center p="sm">
              <Button
                variant="subtle"
                size="xs"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t('desk.loadMore')}
              </Button>
            </Center>
          )}
        </Paper>
      </Stack>
    </Container>
  );
};
