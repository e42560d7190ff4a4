import { Box, Button, Center, Skeleton, Stack, Text } from '@mantine/core';
import type { ConversationSummary } from '@switchboard/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/error-alert';
import { IconInbox } from '../ui/icons';
import { ConversationRow } from './conversation-row';
import classes from './conversation-row.module.css';
import type { useConversationList } from './use-conversation-list';

type ConversationListProps = {
  list: ReturnType<typeof useConversationList>;
  selectedIndex: number;
  openId: string | undefined;
  compact: boolean;
  onSelect: (index: number) => void;
  onOpen: (conversation: ConversationSummary) => void;
};

const TableHeader = () => {
  const { t } = useTranslation();
  return (
    <div className={classes.header} aria-hidden>
      <span>{t('desk.columns.conversation')}</span>
      <span />
      <span>{t('desk.columns.customer')}</span>
      <span>{t('desk.columns.subject')}</span>
      <span>{t('sla:column')}</span>
      <span>{t('desk.columns.waiting')}</span>
      <span>{t('desk.columns.priority')}</span>
      <span>{t('desk.columns.status')}</span>
      <span>{t('desk.columns.assignee')}</span>
    </div>
  );
};

export const ConversationList = ({ list, selectedIndex, openId, compact, onSelect, onOpen }: ConversationListProps) => {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  // Keep the keyboard selection in view as j/k walk past the edge.
  useEffect(() => {
    container.current?.querySelector(`[data-index="${selectedIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedIndex]);

  // Infinite scroll: the next page loads as the end of the list comes into view.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isPending) {
    return (
      <Stack gap={4} p="sm" aria-busy="true" aria-label={t('common.loading')}>
        {Array.from({ length: 8 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={index} height={compact ? 62 : 40} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (list.isError && list.conversations.length === 0) {
    return (
      <Box p="md">
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      </Box>
    );
  }
  if (list.conversations.length === 0) {
    return (
      <Center p="xl" mih={240}>
        <Stack align="center" gap={6}>
          <IconInbox size={40} stroke={1.3} color="var(--mantine-color-gray-5)" />
          <Text fw={600}>{t('desk.emptyTitle')}</Text>
          <Text size="sm" c="dimmed" ta="center">
            {t('desk.emptyHint')}
          </Text>
        </Stack>
      </Center>
    );
  }

  return (
    <div ref={container} role="listbox" aria-label={t('desk.conversations')} data-testid="conversation-list">
      {!compact && <TableHeader />}
      {list.conversations.map((conversation, index) => (
        <ConversationRow
          key={conversation.id}
          conversation={conversation}
          index={index}
          selected={index === selectedIndex}
          open={conversation.id === openId}
          compact={compact}
          onSelect={onSelect}
          onOpen={onOpen}
        />
      ))}
      <div ref={sentinel} />
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
      {list.isError && (
        <Box p="sm">
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        </Box>
      )}
    </div>
  );
};
