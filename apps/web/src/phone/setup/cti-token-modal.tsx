import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreatedPhoneLine } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';

/** The PBX's webhook address with the line's token: shown once, only its hash is kept. */
export const CtiTokenModal = ({ line, onClose }: { line: CreatedPhoneLine; onClose: () => void }) => {
  const { t } = useTranslation('phone');
  const url = `${window.location.origin}/api/v1/phone/cti/${line.ctiToken}`;
  return (
    <Modal opened onClose={onClose} title={t('setup.ctiTokenTitle', { name: line.name })} centered size="lg">
      <Stack gap="sm">
        <Alert color="orange">{t('setup.ctiTokenOnce')}</Alert>
        <Text size="sm">{t('setup.ctiTokenHint')}</Text>
        <Group gap="xs" wrap="nowrap" dir="ltr">
          <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="cti-webhook-url">
            {url}
          </Code>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="light" onClick={copy}>
                {copied ? t('translation:common.copied') : t('translation:common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="cti-token-done">
            {t('setup.ctiTokenDone')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
