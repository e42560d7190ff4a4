import { Divider, Modal, Text, Textarea } from '@mantine/core';
import { type EmailInboxSettings, EmailInboxSettingsRequest, type Inbox } from '@switchboard/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../admin/form-modal';
import { useFormSave } from '../admin/use-form-save';
import { queryKeys } from '../api/query-keys';
import { ErrorAlert } from '../ui/error-alert';
import { notifySuccess } from '../ui/notify-error';
import { PageLoader } from '../ui/page-loader';
import { AutoAckFields, type AutoAckValue, autoAckRequest, defaultAutoAck } from './auto-ack-fields';
import { getEmailSettings, saveEmailSettings } from './email-api';
import {
  defaultImapSettings,
  ImapCertificateWarning,
  ImapSettingsFields,
  type ImapSettingsValue,
} from './imap-settings-fields';
import { SettingsPart } from './settings-part';
import { WebhookSecretFields } from './webhook-secret-fields';

type EmailSettingsModalProps = { clientId: string; inbox: Inbox; onClose: () => void };

/** Loads the inbox's current e-mail settings (secrets only as "set"), then shows the form filled in with them. */
export const EmailSettingsModal = ({ clientId, inbox, onClose }: EmailSettingsModalProps) => {
  const { t } = useTranslation('email');
  const current = useQuery({
    queryKey: queryKeys.emailSettings(inbox.id),
    queryFn: ({ signal }) => getEmailSettings(clientId, inbox.id, signal),
  });
  // Fresh from the server each time it opens: the form starts from these values and keeps its own edits.
  if (current.isSuccess && current.isFetchedAfterMount)
    return <EmailSettingsForm clientId={clientId} inbox={inbox} current={current.data} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t('settings.title', { inbox: inbox.name })} size="lg">
      {current.isError ? <ErrorAlert error={current.error} onRetry={() => void current.refetch()} /> : <PageLoader />}
    </Modal>
  );
};

const imapOf = (current: EmailInboxSettings): ImapSettingsValue =>
  current.imap
    ? {
        disconnect: false,
        host: current.imap.host,
        port: current.imap.port,
        secure: current.imap.secure,
        user: current.imap.user,
        password: '',
        mailbox: current.imap.mailbox,
        allowSelfSignedCertificate: current.imap.allowSelfSignedCertificate,
      }
    : defaultImapSettings;

const autoAckOf = (current: EmailInboxSettings): AutoAckValue =>
  current.autoAck
    ? {
        enabled: true,
        templates: {
          en: current.autoAck.en ?? defaultAutoAck.templates.en,
          fa: current.autoAck.fa ?? defaultAutoAck.templates.fa,
        },
      }
    : { ...defaultAutoAck, enabled: false };

/** Signature, webhook secret, IMAP mailbox and acknowledgements of an e-mail inbox; only the parts switched on are sent. */
const EmailSettingsForm = ({
  clientId,
  inbox,
  current,
  onClose,
}: EmailSettingsModalProps & { current: EmailInboxSettings }) => {
  const { t } = useTranslation('email');
  const queryClient = useQueryClient();
  const [change, setChange] = useState({ signature: false, webhook: false, imap: false, autoAck: false });
  const [signature, setSignature] = useState(current.signature);
  const [webhook, setWebhook] = useState({ remove: false });
  // Made by the server at once (not on save): from then on the inbox has a secret, whatever `current` says.
  const [generated, setGenerated] = useState(false);
  const secretSet = current.webhookSecretSet || generated;
  const [imap, setImap] = useState(() => imapOf(current));
  const [autoAck, setAutoAck] = useState(() => autoAckOf(current));
  const passwordSet = current.imap?.passwordSet ?? false;
  const toggle = (part: keyof typeof change) => (on: boolean) => setChange((current) => ({ ...current, [part]: on }));

  const form = useFormSave(
    EmailInboxSettingsRequest,
    (body) => saveEmailSettings(clientId, inbox.id, body),
    () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.imapMailboxes });
      void queryClient.invalidateQueries({ queryKey: queryKeys.emailSettings(inbox.id) });
      notifySuccess(t('settings.saved'));
      onClose();
    },
  );

  const submit = () => {
    const { disconnect, password, ...mailbox } = imap;
    // Left empty, a stored password stays as it is (the server never sends it back).
    const withPassword = password || !passwordSet ? { ...mailbox, password } : mailbox;
    form.submit({
      ...(change.signature && { signature }),
      ...(change.webhook && webhook.remove && { webhookSecret: null }),
      ...(change.imap && { imap: disconnect ? null : withPassword }),
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
      <Text size="sm" c="dimmed" data-testid="webhook-secret-state">
        {secretSet ? t('settings.webhook.isSet') : t('settings.webhook.notSet')}
      </Text>
      <SettingsPart
        label={t('settings.webhook.change')}
        on={change.webhook}
        onChange={toggle('webhook')}
        testId="change-webhook"
      >
        <WebhookSecretFields
          clientId={clientId}
          inboxId={inbox.id}
          inboxKey={inbox.key}
          secretSet={secretSet}
          value={webhook}
          onChange={setWebhook}
          onGenerated={() => {
            setGenerated(true);
            void queryClient.invalidateQueries({ queryKey: queryKeys.emailSettings(inbox.id) });
          }}
        />
      </SettingsPart>
      <Divider />
      {current.imap?.allowSelfSignedCertificate && !change.imap && <ImapCertificateWarning />}
      <SettingsPart label={t('settings.imap.change')} on={change.imap} onChange={toggle('imap')} testId="change-imap">
        <ImapSettingsFields
          inboxId={inbox.id}
          value={imap}
          onChange={setImap}
          errors={form.fieldErrors}
          passwordSet={passwordSet}
        />
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
