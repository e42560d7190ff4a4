import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

type ConfirmDeleteProps = {
  /** What is asked, e.g. "Delete this answer?" */
  question: string;
  onConfirm: () => void;
  pending: boolean;
  children: ReactElement;
  testId: string;
};

/** Deleting asks once more, next to the button that asked for it. */
export const KbConfirmDelete = ({ question, onConfirm, pending, children, testId }: ConfirmDeleteProps) => {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} width={260} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <span onClickCapture={() => setOpened((open) => !open)}>{children}</span>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm">{question}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" color="red" loading={pending} onClick={onConfirm} data-testid={`${testId}-confirm`}>
              {t('kb.delete')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
};
