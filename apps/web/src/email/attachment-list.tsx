import { Badge, Group } from '@mantine/core';
import type { Message } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconPaperclip } from '../ui/icons';
import { attachmentUrl } from './email-api';

/** A message's files as download links; the server serves pictures inline and everything else as a file. */
export const AttachmentList = ({ attachments }: { attachments: Message['attachments'] }) => {
  const { t } = useTranslation('email');
  const format = useFormat();
  if (attachments.length === 0) return null;
  return (
    <Group gap={6} mt={6} data-testid="attachment-list">
      {attachments.map((attachment) => (
        <Badge
          key={attachment.id}
          component="a"
          href={attachmentUrl(attachment.id)}
          download
          variant="default"
          leftSection={<IconPaperclip size={12} />}
          style={{ textTransform: 'none', cursor: 'pointer' }}
          title={t('attachments.download', { name: attachment.filename })}
          data-testid="attachment-link"
        >
          <bdi>{attachment.filename}</bdi> ({format.number(Math.max(1, Math.ceil(attachment.size / 1024)))} KB)
        </Badge>
      ))}
    </Group>
  );
};
