import { Alert, Button, Code, CopyButton, Group, List, Switch, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ui/error-alert';
import { generateWebhookSecret } from './email-api';

export type WebhookSecretValue = { remove: boolean };

type WebhookSecretFieldsProps = {
  clientId: string;
  inboxId: string;
  inboxKey: string;
  /** Whether the inbox has a signing secret already (then a new one replaces it at once). */
  secretSet: boolean;
  value: WebhookSecretValue;
  onChange: (value: WebhookSecretValue) => void;
  onGenerated: () => void;
};

const CopyableCode = ({ value, testId }: { value: string; testId: string }) => {
  const { t } = useTranslation('email');
  return (
    <Group gap="xs" wrap="nowrap" dir="ltr">
      <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="light" onClick={copy}>
            {copied ? t('settings.copied') : t('settings.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
};

/**
 * Where a mail provider pushes raw MIME for this inbox, and how it must sign each request (Standard
 * Webhooks). The server makes the signing secret and answers it once: it is shown here until the form closes.
 */
export const WebhookSecretFields = ({
  clientId,
  inboxId,
  inboxKey,
  secretSet,
  value,
  onChange,
  onGenerated,
}: WebhookSecretFieldsProps) => {
  const { t } = useTranslation('email');
  const webhookUrl = `${window.location.origin}/api/v1/inbound/email/${encodeURIComponent(inboxKey)}`;
  const generate = useMutation({ mutationFn: () => generateWebhookSecret(clientId, inboxId), onSuccess: onGenerated });
  return (
    <>
      <div>
        <Text size="sm" fw={500}>
          {t('settings.webhook.url')}
        </Text>
        <CopyableCode value={webhookUrl} testId="webhook-url" />
      </div>
      <div>
        <Text size="sm">{t('settings.webhook.signing')}</Text>
        <List size="sm" spacing={2} data-testid="webhook-signing-headers">
          <List.Item>
            <Code dir="ltr">webhook-id</Code> {t('settings.webhook.idHeader')}
          </List.Item>
          <List.Item>
            <Code dir="ltr">webhook-timestamp</Code> {t('settings.webhook.timestampHeader')}
          </List.Item>
          <List.Item>
            <Code dir="ltr">webhook-signature</Code> {t('settings.webhook.signatureHeader')}{' '}
            <Code dir="ltr">v1,base64(HMAC-SHA256(secret, id.timestamp.body))</Code>
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('settings.webhook.refused')}
        </Text>
      </div>
      {generate.data ? (
        <Alert color="orange" title={t('settings.webhook.newSecret')} data-testid="webhook-new-secret">
          <Text size="sm" mb="xs">
            {t('settings.webhook.once')}
          </Text>
          <CopyableCode value={generate.data.secret} testId="webhook-secret-value" />
        </Alert>
      ) : (
        !value.remove && (
          <Group gap="xs" align="center">
            <Button
              variant="default"
              loading={generate.isPending}
              onClick={() => generate.mutate()}
              data-testid="webhook-generate"
            >
              {secretSet ? t('settings.webhook.regenerate') : t('settings.webhook.generate')}
            </Button>
            {secretSet && (
              <Text size="sm" c="dimmed">
                {t('settings.webhook.regenerateHint')}
              </Text>
            )}
          </Group>
        )
      )}
      {generate.isError && <ErrorAlert error={generate.error} />}
      {secretSet && !generate.data && (
        <Switch
          label={t('settings.webhook.remove')}
          checked={value.remove}
          onChange={(event) => onChange({ remove: event.currentTarget.checked })}
          data-testid="webhook-remove"
        />
      )}
    </>
  );
};
