import { Divider, Text, Textarea } from '@mantine/core';
import { EmailInboxSettingsRequest, type Inbox } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../admin/form-modal';
import { useFormSave } from '../admin/use-form-save';
import { queryKeys } from '../api/query-keys';
import { notifySuccess } from '../ui/notify-error';
import { AutoAckFields, autoAckRequest, defaultAutoAck } from './auto-ack-fields';
import { saveEmailSettings } from './email-api';
import { defaultImapSettings, ImapSettingsFields } from './imap-settings-fields';
import { SettingsPart } from './settings-part';
import { WebhookSecretFields } from './webhook-secret-fields';

type EmailSettingsModalProps = { clientId: string; inbox: Inbox; onClose: () => void };

/** Signature, webhook secret, IMAP mailbox and acknowledgements of an e-mail inbox; only the parts switched on are sent. */
export const EmailSettingsModal = ({ clientId, inbox, onClose }: EmailSettingsModalProps) => {
  const { t } = useTranslation('email');
  const queryClient = useQueryClient();
  const [change, setChange] = useState({ signature: false, webhook: false, imap: false, autoAck: false });
  const [signature, setSignature] = useState('');
  const [webhook, setWebhook] = useState({ secret: '', remove: false });
  const [imap, setImap] = useState(defaultImapSettings);
  const [autoAck, setAutoAck] = useState(defaultAutoAck);
  const toggle = (part: keyof typeof change) => (on: boolean) => setChange((current) => ({ ...current, [part]: on }));

  const form = useFormSave(
    EmailInboxSettingsRequest,
    (body) => saveEmailSettings(clientId, inbox.id, body),
    () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.imapMailboxes });
      notifySuccess(t('settings.saved'));
      onClose();
    },
  );

  const submit = () => {
    const { disconnect, ...mailbox } = imap;
    form.submit({
      ...(change.signature && { signature }),
      ...(change.webhook && { webhookSecret: webhook.remove ? null : webhook.secret }),
      ...(change.imap && { imap: disconnect ? null : mailbox }),
      ...(change.autoAck && { autoAck: autoAckRequest(autoAck) }),
    });
  };

  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('settings.title', { inbox: inbox.name })}
      saving={form.saving}
      error={form.error}
      onSubmit={submit}
      size="lg"
      testId="email-settings-form"
    >
      <Text size="sm" c="dimmed">
        {t('settings.hint')}
      </Text>
      <SettingsPart
        label={t('settings.signature.change')}
        on={change.signature}
        onChange={toggle('signature')}
        testId="change-signature"
      >
        <Textarea
          label={t('settings.signature.label')}
          description={t('settings.signature.hint')}
          autosize
          minRows={3}
          dir="auto"
          value={signature}
          onChange={(event) => setSignature(event.currentTarget.value)}
          error={form.fieldErrors.signature}
          data-testid="signature"
        />
      </SettingsPart>
      <Divider />
      <SettingsPart
        label={t('settings.webhook.change')}
        on={change.webhook}
        onChange={toggle('webhook')}
        testId="change-webhook"
      >
        <WebhookSecretFields
          inboxKey={inbox.key}
          value={webhook}
          onChange={setWebhook}
          error={form.fieldErrors.webhookSecret}
        />
      </SettingsPart>
      <Divider />
      <SettingsPart label={t('settings.imap.change')} on={change.imap} onChange={toggle('imap')} testId="change-imap">
        <ImapSettingsFields inboxId={inbox.id} value={imap} onChange={setImap} errors={form.fieldErrors} />
      </SettingsPart>
      <Divider />
      <SettingsPart
        label={t('settings.autoAck.change')}
        on={change.autoAck}
        onChange={toggle('autoAck')}
        testId="change-auto-ack"
      >
        <AutoAckFields value={autoAck} onChange={setAutoAck} errors={form.fieldErrors} />
      </SettingsPart>
    </FormModal>
  );
};
