import { ActionIcon, Badge, Box, Divider, Group, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { getConversation } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';
import { ChatPanel } from '../chat/chat-panel';
import { VisitorTyping } from '../chat/visitor-typing';
import { EscalationPanel } from '../escalation';
import { useFormat } from '../format/use-format';
import { CallButton } from '../phone/call-button';
import { RoutingControls } from '../routing/routing-controls';
import { SlaCountdown } from '../sla/sla-countdown';
import { SlaTargetsPanel } from '../sla/sla-targets-panel';
import { ChannelIcon } from '../ui/channel-icon';
import { ClientBadge } from '../ui/client-badge';
import { DisplayNumber } from '../ui/display-number';
import { ErrorAlert } from '../ui/error-alert';
import { IconCheck, IconX } from '../ui/icons';
import { notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { PriorityBadge, StatusBadge } from '../ui/status-badge';
import { ConversationControls } from './conversation-controls';
import { CustomerCard, OtherConversations } from './customer-card';
import { MessageThread } from './message-thread';
import { ReplyBox } from './reply-box';
import { useUpdateConversation } from './use-update-conversation';

const conversationRoute = getRouteApi('/app/desk/$conversationId');

const SideSection = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Stack gap={8}>
    <Text size="xs" fw={700} c="dimmed" tt="uppercase">
      {title}
    </Text>
    {children}
  </Stack>
);

export const ConversationPane = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const { conversationId } = conversationRoute.useParams();
  const navigate = useNavigate();
  const update = useUpdateConversation();
  const query = useQuery({
    queryKey: queryKeys.conversation(conversationId),
    queryFn: ({ signal }) => getConversation(conversationId, signal),
  });

  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    return (
      <Box p="md">
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </Box>
    );
  }
  const conversation = query.data;
  const close = () => void navigate({ to: '/desk', search: (previous) => previous });

  return (
    <Box
      style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 290px', height: '100%' }}
      data-testid="conversation-pane"
    >
      <Box style={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 }}>
        <Box px="md" py="sm" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} miw={0}>
              <Group gap={8} wrap="nowrap">
                <ChannelIcon channel={conversation.channel} />
                <ClientBadge client={conversation.client} />
                <Text size="sm" c="dimmed" data-testid="conversation-number">
                  <DisplayNumber clientName={conversation.client.name} number={conversation.number} />
                </Text>
                <StatusBadge status={conversation.status} />
                {conversation.priority !== 'normal' && <PriorityBadge priority={conversation.priority} />}
                {conversation.sla && <SlaCountdown sla={conversation.sla} />}
                {conversation.flags.map((flag) => (
                  <Badge key={flag} color="red" variant="dot" size="sm">
                    {flag}
                  </Badge>
                ))}
              </Group>
              <Title
                order={3}
                size="h4"
                lineClamp={2}
                data-testid="conversation-subject"
                dir="auto"
                className="user-text"
              >
                {conversation.subject || t('desk.noSubject')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('conversation.meta', {
                  inbox: conversation.inbox.name,
                  created: format.dateTime(conversation.createdAt),
                })}
              </Text>
            </Stack>
            <Group gap={4} wrap="nowrap">
              {conversation.channel === 'phone' && (
                <CallButton clientId={conversation.client.id} target={{ conversationId: conversation.id }} compact />
              )}
              {conversation.status !== 'resolved' && (
                <Tooltip label={`${t('conversation.resolve')} (e)`}>
                  <ActionIcon
                    variant="light"
                    color="green"
                    aria-label={t('conversation.resolve')}
                    loading={update.isPending}
                    onClick={() =>
                      update.mutate(
                        { id: conversation.id, change: { status: 'resolved' } },
                        { onSuccess: () => notifySuccess(t('desk.resolved')) },
                      )
                    }
                  >
                    <IconCheck size={18} />
                  </ActionIcon>
                </Tooltip>
              )}
              <Tooltip label={t('common.close')}>
                <ActionIcon variant="subtle" color="gray" aria-label={t('common.close')} onClick={close}>
                  <IconX size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        </Box>
        <ScrollArea style={{ flex: 1 }} px="md" py="sm" bg="gray.0" type="auto">
          <MessageThread messages={conversation.messages} channel={conversation.channel} />
        </ScrollArea>
        {conversation.channel === 'chat' && (
          <VisitorTyping conversationId={conversation.id} fallbackName={conversation.contact.name} />
        )}
        <Box p="sm" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <ReplyBox key={conversation.id} conversation={conversation} />
        </Box>
      </Box>
      <ScrollArea bg="white" style={{ borderInlineStart: '1px solid var(--mantine-color-gray-3)' }} p="md" type="auto">
        <Stack gap="lg">
          <SideSection title={t('conversation.properties')}>
            <ConversationControls conversation={conversation} />
            <RoutingControls conversation={conversation} />
          </SideSection>
          {conversation.slaTargets.length > 0 && (
            <>
              <Divider />
              <SideSection title={t('sla:pane.title')}>
                <SlaTargetsPanel conversation={conversation} />
              </SideSection>
            </>
          )}
          <Divider />
          <SideSection title={t('panel.title', { ns: 'escalation' })}>
            <EscalationPanel key={conversation.id} conversation={conversation} />
          </SideSection>
          {conversation.channel === 'chat' && (
            <>
              <Divider />
              <SideSection title={t('chat:panel')}>
                <ChatPanel conversation={conversation} />
              </SideSection>
            </>
          )}
          <Divider />
          <SideSection title={t('conversation.customer')}>
            <CustomerCard conversation={conversation} />
          </SideSection>
          <Divider />
          <SideSection title={t('conversation.otherConversations')}>
            <OtherConversations conversation={conversation} />
          </SideSection>
          {(conversation.firstResponseAt || conversation.resolvedAt) && (
            <>
              <Divider />
              <SideSection title={t('conversation.timing')}>
                {conversation.firstResponseAt && (
                  <Text size="xs">
                    {t('conversation.firstResponse', { time: format.dateTime(conversation.firstResponseAt) })}
                  </Text>
                )}
                {conversation.resolvedAt && (
                  <Text size="xs">
                    {t('conversation.resolvedAt', { time: format.dateTime(conversation.resolvedAt) })}
                  </Text>
                )}
              </SideSection>
            </>
          )}
        </Stack>
      </ScrollArea>
    </Box>
  );
};
