import { ActionIcon, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { IconDots, IconPhoto } from '../ui/icons';
import { getHtmlWithImages } from './email-api';
import { EmailBodyFrame } from './email-body-frame';
import { inspectEmailHtml } from './email-document';

type MessageHtmlBodyProps = {
  messageId: string;
  html: string;
  /** Only the agency desk may ask the server for the remote images (the portal never shows them). */
  canShowImages: boolean;
};

/** A message's sanitised HTML: remote images held back until asked for, quoted history folded. */
export const MessageHtmlBody = ({ messageId, html, canShowImages }: MessageHtmlBodyProps) => {
  const { t } = useTranslation('email');
  const [quotesOpen, setQuotesOpen] = useState(false);
  const [imagesWanted, setImagesWanted] = useState(false);
  const blocked = useMemo(() => inspectEmailHtml(html), [html]);
  const withImages = useQuery({
    queryKey: queryKeys.emailHtmlWithImages(messageId),
    queryFn: ({ signal }) => getHtmlWithImages(messageId, signal),
    enabled: imagesWanted,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const imagesHtml = withImages.data?.html;
  const unblocked = useMemo(() => (imagesHtml ? inspectEmailHtml(imagesHtml) : null), [imagesHtml]);
  const shown = unblocked ?? blocked;

  const showImages = () => (imagesWanted ? void withImages.refetch() : setImagesWanted(true));

  return (
    <Stack gap={6}>
      {canShowImages && blocked.hasBlockedImages && !unblocked && (
        <Group
          gap="xs"
          justify="space-between"
          wrap="nowrap"
          px="xs"
          py={4}
          bg="gray.0"
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          data-testid="images-blocked"
        >
          <Text size="xs" c={withImages.isError ? 'red' : 'dimmed'}>
            {withImages.isError ? t('images.failed') : t('images.blocked')}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconPhoto size={14} />}
            loading={withImages.isFetching}
            onClick={showImages}
            style={{ flexShrink: 0 }}
            data-testid="show-images"
          >
            {t('images.show')}
          </Button>
        </Group>
      )}
      <EmailBodyFrame
        body={shown.body}
        remoteImages={unblocked !== null}
        quotesOpen={quotesOpen}
        title={t('body.frameTitle')}
      />
      {shown.hasQuote && (
        <Tooltip label={quotesOpen ? t('quote.hide') : t('quote.show')}>
          <ActionIcon
            size="sm"
            variant="light"
            color="gray"
            aria-label={quotesOpen ? t('quote.hide') : t('quote.show')}
            aria-expanded={quotesOpen}
            onClick={() => setQuotesOpen((open) => !open)}
            data-testid="quote-toggle"
          >
            <IconDots size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Stack>
  );
};
