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
        // gray.7, not "dimmed" (gray.6 is 3.3:1 on the page's background, below WCAG AA).
        <Text size="sm" c="gray.7">
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
