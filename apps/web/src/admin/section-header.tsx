import { Button, Group, Text, Title } from '@mantine/core';
import { IconPlus } from '../ui/icons';

type SectionHeaderProps = {
  title: string;
  description?: string;
  actionLabel?: string;
  onAction?: () => void;
  actionTestId?: string;
};

export const SectionHeader = ({ title, description, actionLabel, onAction, actionTestId }: SectionHeaderProps) => (
  <Group justify="space-between" align="flex-end" mb="sm">
    <div>
      <Title order={3}>{title}</Title>
      {description && (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}
    </div>
    {actionLabel && onAction && (
      <Button leftSection={<IconPlus size={16} />} onClick={onAction} data-testid={actionTestId}>
        {actionLabel}
      </Button>
    )}
  </Group>
);
