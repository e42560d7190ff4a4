import { Table, Text } from '@mantine/core';
import type { PortalConversationSummary } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { useNow } from '../format/use-now';
import { ChannelIcon } from '../ui/channel-icon';
import { StatusBadge } from '../ui/status-badge';

type PortalTableProps = { conversations: PortalConversationSummary[]; onOpen: (number: number) => void };

export const PortalTable = ({ conversations, onOpen }: PortalTableProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="portal-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('portal.columns.number')}</Table.Th>
            <Table.Th w={40} />
            <Table.Th>{t('portal.columns.subject')}</Table.Th>
            <Table.Th>{t('portal.columns.customer')}</Table.Th>
            <Table.Th>{t('portal.columns.participants')}</Table.Th>
            <Table.Th w={90} ta="center">
              {t('portal.columns.messages')}
            </Table.Th>
            <Table.Th w={100}>{t('portal.columns.status')}</Table.Th>
            <Table.Th w={140}>{t('portal.columns.lastActivity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conversations.map((conversation) => (
            <Table.Tr
              key={conversation.number}
              style={{ cursor: 'pointer' }}
              data-testid="portal-row"
              onClick={() => onOpen(conversation.number)}
            >
              <Table.Td>
                <Text size="sm" c="dimmed" fw={500}>
                  #{format.number(conversation.number)}
                </Text>
              </Table.Td>
              <Table.Td>
                <ChannelIcon channel={conversation.channel} />
              </Table.Td>
              <Table.Td maw={360}>
                <Text size="sm" fw={600} truncate="end" dir="auto" className="user-text">
                  {conversation.subject || t('desk.noSubject')}
                </Text>
                <Text size="xs" c="dimmed" truncate="end" dir="auto" className="user-text">
                  {conversation.preview}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{conversation.contact.name}</Text>
                <Text size="xs" c="dimmed">
                  <bdi>{conversation.contact.email ?? conversation.contact.phone ?? ''}</bdi>
                </Text>
              </Table.Td>
              <Table.Td maw={220}>
                <Text size="xs" c="gray.7" lineClamp={2}>
                  {conversation.participants.join(', ')}
                </Text>
              </Table.Td>
              <Table.Td ta="center">
                <Text size="sm">{format.number(conversation.messageCount)}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={conversation.status} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" title={format.dateTime(conversation.lastMessageAt)}>
                  {format.ago(conversation.lastMessageAt, now)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
