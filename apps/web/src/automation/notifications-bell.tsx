import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { notifyError } from '../ui/notify-error';
import { automationKeys, listNotifications, markNotificationsRead } from './automation-api';
import { IconBell } from './automation-icons';

/** Desk notifications written by rules ("notify supervisors"): a bell with the unread count. */
export const NotificationsBell = () => {
  const { t } = useTranslation('automation');
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  // Live events invalidate this; the interval only covers a socket that is down.
  const notifications = useQuery({
    queryKey: automationKeys.notifications,
    queryFn: ({ signal }) => listNotifications(signal),
    refetchInterval: 120_000,
  });
  const markRead = useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: automationKeys.notifications }),
    onError: notifyError,
  });
  const items = notifications.data ?? [];
  const unread = items.filter((item) => !item.readAt);

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={format.number(unread.length)} size={16} color="red" disabled={unread.length === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={
              unread.length
                ? t('notifications.unread', { count: unread.length, n: format.number(unread.length) })
                : t('notifications.title')
            }
            onClick={() => setOpened((open) => !open)}
            data-testid="notifications-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb={6}>
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          {unread.length > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate('all')}>
              {t('notifications.markAll')}
            </Button>
          )}
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={360}>
            <Stack gap={2} data-testid="notifications-list">
              {items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  p={6}
                  style={{
                    borderRadius: 6,
                    background: item.readAt ? undefined : 'var(--mantine-color-indigo-0)',
                  }}
                  onClick={() => {
                    if (!item.readAt) markRead.mutate([item.id]);
                    setOpened(false);
                    void navigate({
                      to: '/desk/$conversationId',
                      params: { conversationId: item.conversation.id },
                      search: {},
                    });
                  }}
                  data-testid="notification-item"
                >
                  <Text size="sm" dir="auto">
                    {item.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    #{format.number(item.conversation.number)} <bdi>{item.conversation.subject}</bdi> ·{' '}
                    {format.smart(item.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
};
