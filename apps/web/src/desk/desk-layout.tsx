import { Box, Group, Text } from '@mantine/core';
import type { ConversationSummary } from '@switchboard/contracts';
import { getRouteApi, Outlet, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../ui/notify-error';
import { ConversationList } from './conversation-list';
import { DeskFocusContext } from './desk-context';
import { DeskFilters } from './desk-filters';
import { toConversationFilters } from './desk-search';
import { KeyboardHint } from './keyboard-hint';
import { ShortcutsHelp } from './shortcuts-help';
import { useConversationList } from './use-conversation-list';
import { useDeskShortcuts } from './use-desk-shortcuts';
import { useUpdateConversation } from './use-update-conversation';

const deskRoute = getRouteApi('/app/desk');
const headerHeight = 52;

export const DeskLayout = () => {
  const { t } = useTranslation();
  const search = deskRoute.useSearch();
  const navigate = useNavigate();
  const { conversationId } = useParams({ strict: false });
  const filters = useMemo(() => toConversationFilters(search), [search]);
  const list = useConversationList(filters);
  const [selectedIndex, setSelectedIndex] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const reply = useRef<HTMLTextAreaElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const focusTargets = useMemo(() => ({ reply, search: searchInput }), []);
  const update = useUpdateConversation();
  const compact = Boolean(conversationId);
  const { conversations } = list;

  // Follow the open conversation with the selection, so j/k continue from where the agent is.
  useEffect(() => {
    const index = conversations.findIndex((conversation) => conversation.id === conversationId);
    if (index >= 0) setSelectedIndex(index);
  }, [conversationId, conversations]);

  const open = (conversation: ConversationSummary) =>
    void navigate({
      to: '/desk/$conversationId',
      params: { conversationId: conversation.id },
      search: (previous) => previous,
    });

  useDeskShortcuts({
    next: () => setSelectedIndex((index) => Math.min(index + 1, Math.max(conversations.length - 1, 0))),
    previous: () => setSelectedIndex((index) => Math.max(index - 1, 0)),
    open: () => {
      const conversation = conversations[selectedIndex];
      if (conversation) open(conversation);
    },
    reply: () => reply.current?.focus(),
    resolve: () => {
      if (!conversationId) return;
      update.mutate(
        { id: conversationId, change: { status: 'resolved' } },
        { onSuccess: () => notifySuccess(t('desk.resolved')) },
      );
    },
    search: () => searchInput.current?.focus(),
    help: () => setHelpOpen(true),
  });

  return (
    <DeskFocusContext.Provider value={focusTargets}>
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: compact ? 'minmax(320px, 400px) 1fr' : '1fr',
          height: `calc(100dvh - ${headerHeight}px)`,
        }}
      >
        <Box
          style={{
            display: 'flex',
            flexDirection: 'column',
            minHeight: 0,
            borderInlineEnd: compact ? '1px solid var(--mantine-color-gray-3)' : undefined,
          }}
          bg="white"
        >
          <DeskFilters compact={compact} />
          <Group justify="space-between" px="sm" py={4} bg="gray.0">
            <Text size="xs" c="dimmed" data-testid="desk-count">
              {list.isPending ? t('common.loading') : t('desk.shown', { count: conversations.length })}
            </Text>
            {!compact && <KeyboardHint />}
          </Group>
          <Box style={{ flex: 1, overflowY: 'auto', minHeight: 0 }}>
            <ConversationList
              list={list}
              selectedIndex={selectedIndex}
              openId={conversationId}
              compact={compact}
              onSelect={setSelectedIndex}
              onOpen={open}
            />
          </Box>
        </Box>
        {compact && (
          <Box style={{ minHeight: 0, minWidth: 0 }}>
            <Outlet />
          </Box>
        )}
      </Box>
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </DeskFocusContext.Provider>
  );
};
