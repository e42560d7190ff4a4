import { Anchor, Avatar, Group, Stack, Text } from '@mantine/core';
import type { ConversationDetail } from '@switchboard/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { CallButton } from '../phone/call-button';
import { ChannelIcon } from '../ui/channel-icon';
import { DisplayNumber } from '../ui/display-number';
import { IconMail, IconPhone } from '../ui/icons';
import { StatusBadge } from '../ui/status-badge';

export const CustomerCard = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation();
  const { contact } = conversation;
  return (
    <Stack gap={6} data-testid="customer-card">
      <Group gap="sm" wrap="nowrap">
        <Avatar color="gray" radius="xl" size={36}>
          {contact.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Text fw={600} truncate="end">
            {contact.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t('customer.of', { client: conversation.client.name })}
          </Text>
        </div>
      </Group>
      <Group gap={6} wrap="nowrap">
        <IconMail size={14} color="var(--mantine-color-gray-6)" />
        {contact.email ? (
          <Anchor href={`mailto:${contact.email}`} size="sm" truncate="end" dir="ltr">
            {contact.email}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t('customer.noEmail')}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        <IconPhone size={14} color="var(--mantine-color-gray-6)" />
        {contact.phone ? (
          <>
            <Anchor href={`tel:${contact.phone}`} size="sm" dir="ltr" style={{ flex: 1 }}>
              {contact.phone}
            </Anchor>
            <CallButton clientId={conversation.client.id} target={{ contactId: contact.id }} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('customer.noPhone')}
          </Text>
        )}
      </Group>
    </Stack>
  );
};

export const OtherConversations = ({ conversation }: { conversation: ConversationDetail }) => {
  const { t } = useTranslation();
  const format = useFormat();
  if (conversation.otherConversations.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('customer.noOtherConversations')}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {conversation.otherConversations.map((other) => (
        <Link
          key={other.id}
          from="/desk/$conversationId"
          to="/desk/$conversationId"
          params={{ conversationId: other.id }}
          search={(previous) => previous}
          style={{ color: 'inherit', textDecoration: 'none' }}
          data-testid="other-conversation"
        >
          <Group gap={6} wrap="nowrap">
            <ChannelIcon channel={other.channel} size={14} />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              <DisplayNumber number={other.number} />
            </Text>
            <Text size="sm" truncate="end" style={{ flex: 1 }}>
              {other.subject || t('desk.noSubject')}
            </Text>
            <StatusBadge status={other.status} />
          </Group>
          <Text size="xs" c="dimmed" ps={20}>
            {format.smart(other.lastMessageAt)}
          </Text>
        </Link>
      ))}
    </Stack>
  );
};
