import { Button, Code, CopyButton, Group, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** 24 random bytes, URL-safe: comfortably above the server's 16-character minimum. */
const newSecret = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');

export type WebhookSecretValue = { secret: string; remove: boolean };

type WebhookSecretFieldsProps = {
  inboxKey: string;
  value: WebhookSecretValue;
  onChange: (value: WebhookSecretValue) => void;
  error: string | undefined;
};

/** Where a mail provider pushes raw MIME for this inbox, and the Bearer secret it must present. */
export const WebhookSecretFields = ({ inboxKey, value, onChange, error }: WebhookSecretFieldsProps) => {
  const { t } = useTranslation('email');
  const webhookUrl = `${window.location.origin}/api/v1/inbound/email/${encodeURIComponent(inboxKey)}`;
  return (
    <>
      <div>
        <Text size="sm" fw={500}>
          {t('settings.webhook.url')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code dir="ltr" style={{ flex: 1, overflowWrap: 'anywhere' }}>
            {webhookUrl}
          </Code>
          <CopyButton value={webhookUrl}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? t('settings.copied') : t('settings.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </div>
      <Switch
        label={t('settings.webhook.remove')}
        checked={value.remove}
        onChange={(event) => onChange({ ...value, remove: event.currentTarget.checked })}
      />
      {!value.remove && (
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('settings.webhook.secret')}
            description={t('settings.webhook.secretHint')}
            dir="ltr"
            autoComplete="off"
            value={value.secret}
            onChange={(event) => onChange({ ...value, secret: event.currentTarget.value })}
            error={error}
            data-testid="webhook-secret"
          />
          <Button variant="default" mt={46} onClick={() => onChange({ ...value, secret: newSecret() })}>
            {t('settings.webhook.generate')}
          </Button>
        </Group>
      )}
    </>
  );
};
