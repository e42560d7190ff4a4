import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const shortcuts = [
  { keys: ['j'], label: 'shortcuts.next' },
  { keys: ['k'], label: 'shortcuts.previous' },
  { keys: ['Enter'], label: 'shortcuts.open' },
  { keys: ['r'], label: 'shortcuts.reply' },
  { keys: ['e'], label: 'shortcuts.resolve' },
  { keys: ['/'], label: 'shortcuts.search' },
  { keys: ['m'], label: 'automation:macros.shortcut' },
  { keys: ['Ctrl', 'Enter'], label: 'shortcuts.send' },
  { keys: ['?'], label: 'shortcuts.help' },
] as const;

export const ShortcutsHelp = ({ opened, onClose }: { opened: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} centered size="sm">
      <Stack gap="xs" data-testid="shortcuts-help">
        {shortcuts.map((shortcut) => (
          <Group key={shortcut.label} justify="space-between">
            <Text size="sm">{t(shortcut.label)}</Text>
            <Group gap={4} dir="ltr">
              {shortcut.keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
};
