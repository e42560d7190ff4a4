import { Badge } from '@mantine/core';
import type { ConversationStatus, Priority } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';

const statusColors = { open: 'blue', pending: 'orange', snoozed: 'gray', resolved: 'green' } as const;
const priorityColors = { low: 'gray', normal: 'gray', high: 'orange', urgent: 'red' } as const;

export const StatusBadge = ({ status }: { status: ConversationStatus }) => {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" size="sm">
      {t(`status.${status}`)}
    </Badge>
  );
};

export const PriorityBadge = ({ priority }: { priority: Priority }) => {
  const { t } = useTranslation();
  return (
    <Badge
      color={priorityColors[priority]}
      variant={priority === 'urgent' ? 'filled' : priority === 'low' ? 'outline' : 'light'}
      size="sm"
    >
      {t(`priority.${priority}`)}
    </Badge>
  );
};
