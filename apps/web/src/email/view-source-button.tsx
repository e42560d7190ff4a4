import { ActionIcon, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCode } from '../ui/icons';
import { EmailSourceModal } from './email-source-modal';

/** Opens the headers and raw source of an incoming e-mail; nothing is fetched until it is asked for. */
export const ViewSourceButton = ({ messageId }: { messageId: string }) => {
  const { t } = useTranslation('email');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip label={t('source.view')}>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="gray"
          aria-label={t('source.view')}
          onClick={() => setOpen(true)}
          data-testid="view-source"
        >
          <IconCode size={14} />
        </ActionIcon>
      </Tooltip>
      {open && <EmailSourceModal messageId={messageId} onClose={() => setOpen(false)} />}
    </>
  );
};
