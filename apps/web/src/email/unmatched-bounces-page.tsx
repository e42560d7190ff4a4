import { ActionIcon, Button, Center, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../admin/section-header';
import { queryKeys } from '../api/query-keys';
import { useClients } from '../desk/use-clients';
import { ErrorAlert } from '../ui/error-alert';
import { IconRefresh } from '../ui/icons';
import { PageLoader } from '../ui/page-loader';
import { listUnmatchedBounces } from './email-api';
import { UnmatchedBounceCard } from './unmatched-bounce-card';

/** Bounces that matched none of our sent mail (forged, foreign, about mail never sent), for managers to review. */
export const UnmatchedBouncesPage = () => {
  const { t } = useTranslation('email');
  const clients = useClients();
  const list = useInfiniteQuery({
    queryKey: queryKeys.unmatchedBounces,
    queryFn: ({ pageParam, signal }) => listUnmatchedBounces(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const bounces = list.data?.pages.flatMap((page) => page.items) ?? [];
  const clientOf = (clientId: string) => clients.data?.find((client) => client.id === clientId);

  return (
    <>
      <SectionHeader title={t('bounces.title')} description={t('bounces.hint')} />
      <Group justify="space-between" gap="xs" mb="sm">
        <Text size="sm" c="gray.7" aria-live="polite" data-testid="bounces-count">
          {list.isSuccess ? t('bounces.shown', { count: bounces.length }) : ''}
        </Text>
        <Tooltip label={t('bounces.refresh')}>
          <ActionIcon
            variant="default"
            aria-label={t('bounces.refresh')}
            loading={list.isFetching && !list.isFetchingNextPage}
            onClick={() => void list.refetch()}
            data-testid="bounces-refresh"
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : bounces.length === 0 ? (
        <Paper withBorder radius="md" p="lg" data-testid="bounces-empty">
          <Text c="gray.7" ta="center">
            {t('bounces.empty')}
          </Text>
        </Paper>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="unmatched-bounces">
          {bounces.map((bounce) => (
            <UnmatchedBounceCard key={bounce.id} bounce={bounce} client={clientOf(bounce.clientId)} />
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Center p="sm">
          <Button
            variant="default"
            size="sm"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
            data-testid="bounces-load-more"
          >
            {t('bounces.loadMore')}
          </Button>
        </Center>
      )}
    </>
  );
};
