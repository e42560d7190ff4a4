import { Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A quiet reminder that the desk is built for the keyboard. */
export const KeyboardHint = () => {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Text size="xs" c="dimmed">
        {t('desk.keyboardHint')}
      </Text>
      <Kbd size="xs">?</Kbd>
    </Group>
  );
};
