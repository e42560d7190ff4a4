import { Button, Code, Group, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/use-format';
import { IconDownload } from '../ui/icons';

/** A mail can be 25 MB; the browser stays responsive if the view stops well before that. */
const shownCharacters = 200_000;

type RawSourceViewProps = { raw: string; downloadUrl?: string | undefined; filename: string };

/** An e-mail's source as text, left to right whatever the page's direction, with its download. */
export const RawSourceView = ({ raw, downloadUrl, filename }: RawSourceViewProps) => {
  const { t } = useTranslation('email');
  const format = useFormat();
  const truncated = raw.length > shownCharacters;
  const downloadText = () => {
    const url = URL.createObjectURL(new Blob([raw], { type: 'message/rfc822' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {truncated ? t('source.truncated', { size: format.number(shownCharacters) }) : ''}
        </Text>
        {downloadUrl ? (
          <Button
            component="a"
            href={downloadUrl}
            download={filename}
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            data-testid="download-source"
          >
            {t('source.download')}
          </Button>
        ) : (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            onClick={downloadText}
            data-testid="download-source"
          >
            {t('source.download')}
          </Button>
        )}
      </Group>
      <ScrollArea.Autosize mah="60vh" type="auto">
        <Code block dir="ltr" data-testid="raw-source" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {truncated ? raw.slice(0, shownCharacters) : raw}
        </Code>
      </ScrollArea.Autosize>
    </>
  );
};
