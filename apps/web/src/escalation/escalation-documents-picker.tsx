import { ActionIcon, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { maxEscalationDocumentBytes } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem-error';
import { useFormat } from '../format/use-format';
import { IconPaperclip, IconX } from '../ui/icons';
import { problemText } from '../ui/problem-text';
import { uploadEscalationDocument } from './escalation-api';

/** A file the agent chose for the customer: uploading, uploaded (its attachment id) or refused. */
export type ChosenDocument = {
  key: string;
  name: string;
  size: number;
  progress: number;
  attachmentId: string | null;
  error: string | null;
};

type Props = {
  conversationId: string;
  documents: ChosenDocument[];
  onChange: (update: (documents: ChosenDocument[]) => ChosenDocument[]) => void;
};

const MAX_DOCUMENTS = 10;

/**
 * Documents to send the customer with the notice: each chosen file uploads at once with its progress,
 * and can be removed before sending. Files over the size limit are refused here, before any upload.
 */
export const EscalationDocumentsPicker = ({ conversationId, documents, onChange }: Props) => {
  const { t } = useTranslation('escalation');
  const { t: common } = useTranslation();
  const format = useFormat();
  const megabytes = format.number(maxEscalationDocumentBytes / 1024 / 1024);
  const update = (key: string, change: Partial<ChosenDocument>) =>
    onChange((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));

  const choose = (files: File[]) => {
    const room = MAX_DOCUMENTS - documents.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = `${file.name}:${file.size}:${Math.random().toString(36).slice(2)}`;
      const tooLarge = file.size > maxEscalationDocumentBytes;
      onChange((all) => [
        ...all,
        {
          key,
          name: file.name,
          size: file.size,
          progress: 0,
          attachmentId: null,
          error: tooLarge ? t('documents.tooLarge', { size: megabytes }) : null,
        },
      ]);
      if (tooLarge) continue;
      uploadEscalationDocument(conversationId, file, (progress) => update(key, { progress }))
        .then((document) => update(key, { progress: 1, attachmentId: document.id }))
        .catch((error: unknown) =>
          update(key, {
            error:
              error instanceof ProblemError && error.status === 413
                ? t('documents.tooLarge', { size: megabytes })
                : problemText(error, common).title,
          }),
        );
    }
  };

  return (
    <Stack gap={6} data-testid="escalate-documents">
      <FileInput
        label={t('documents.label')}
        description={t('documents.hint', { size: megabytes, files: format.number(MAX_DOCUMENTS) })}
        placeholder={t('documents.choose')}
        leftSection={<IconPaperclip size={14} />}
        multiple
        value={[]}
        onChange={choose}
        disabled={documents.length >= MAX_DOCUMENTS}
        data-testid="escalate-documents-input"
      />
      {documents.map((document) => (
        <Group key={document.key} gap="xs" wrap="nowrap" data-testid="escalate-document">
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" truncate>
              <bdi>{document.name}</bdi>{' '}
              <Text span size="xs" c="dimmed">
                ({t('documents.size', { size: format.number(Math.max(1, Math.ceil(document.size / 1024))) })})
              </Text>
            </Text>
            {document.error ? (
              <Text size="xs" c="red" role="alert">
                {document.error}
              </Text>
            ) : document.attachmentId ? (
              <Text size="xs" c="teal" data-testid="escalate-document-ready">
                {t('documents.ready')}
              </Text>
            ) : (
              <Progress
                value={Math.round(document.progress * 100)}
                size="sm"
                animated
                aria-label={t('documents.uploading', { name: document.name })}
              />
            )}
          </Stack>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => onChange((all) => all.filter((d) => d.key !== document.key))}
            aria-label={t('documents.remove', { name: document.name })}
            data-testid="escalate-document-remove"
          >
            <IconX size={14} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
};
