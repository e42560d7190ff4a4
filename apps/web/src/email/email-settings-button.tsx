import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconMailCog } from '../ui/icons';

/** In a row of the inbox table, whose own click opens the general inbox form: this opens the e-mail settings. */
export const EmailSettingsButton = ({ onOpen }: { onOpen: () => void }) => {
  const { t } = useTranslation('email');
  return (
    <Button
      size="compact-xs"
      variant="light"
      leftSection={<IconMailCog size={14} />}
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
      data-testid="email-settings"
    >
      {t('settings.open')}
    </Button>
  );
};
