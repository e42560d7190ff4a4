import { Alert, Group, NumberInput, PasswordInput, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../ui/field-errors';
import { ImapLastError, ImapStatus } from './imap-status';

export type ImapSettingsValue = {
  disconnect: boolean;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** The audited opt-out for a self-signed server: its certificate is not checked. */
  allowSelfSignedCertificate: boolean;
};

export const defaultImapSettings: ImapSettingsValue = {
  disconnect: false,
  host: '',
  port: 993,
  secure: true,
  user: '',
  password: '',
  mailbox: 'INBOX',
  allowSelfSignedCertificate: false,
};

type ImapSettingsFieldsProps = {
  inboxId: string;
  value: ImapSettingsValue;
  onChange: (value: ImapSettingsValue) => void;
  errors: FieldErrors;
  /** A password is stored: an empty field keeps it. */
  passwordSet?: boolean;
};

/** The client's existing mailbox, which Switchboard follows with IMAP IDLE; with its current sync state. */
export const ImapSettingsFields = ({
  inboxId,
  value,
  onChange,
  errors,
  passwordSet = false,
}: ImapSettingsFieldsProps) => {
  const { t } = useTranslation('email');
  const set = (patch: Partial<ImapSettingsValue>) => onChange({ ...value, ...patch });
  return (
    <>
      <ImapStatus inboxId={inboxId} />
      <ImapLastError inboxId={inboxId} />
      <Switch
        label={t('settings.imap.disconnect')}
        checked={value.disconnect}
        onChange={(event) => set({ disconnect: event.currentTarget.checked })}
      />
      {!value.disconnect && (
        <>
          <Group grow align="flex-start">
            <TextInput
              label={t('settings.imap.host')}
              required
              dir="ltr"
              placeholder="imap.example.com"
              value={value.host}
              onChange={(event) => set({ host: event.currentTarget.value })}
              error={errors['imap.host']}
              data-testid="imap-host"
            />
            <NumberInput
              label={t('settings.imap.port')}
              min={1}
              max={65535}
              allowDecimal={false}
              value={value.port}
              onChange={(port) => set({ port: Number(port) })}
              error={errors['imap.port']}
            />
          </Group>
          <Switch
            label={t('settings.imap.secure')}
            checked={value.secure}
            onChange={(event) => set({ secure: event.currentTarget.checked })}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('settings.imap.user')}
              dir="ltr"
              autoComplete="off"
              value={value.user}
              onChange={(event) => set({ user: event.currentTarget.value })}
              error={errors['imap.user']}
            />
            <PasswordInput
              label={t('settings.imap.password')}
              dir="ltr"
              autoComplete="new-password"
              placeholder={passwordSet ? t('settings.imap.passwordKept') : undefined}
              value={value.password}
              onChange={(event) => set({ password: event.currentTarget.value })}
              error={errors['imap.password']}
            />
          </Group>
          <TextInput
            label={t('settings.imap.mailbox')}
            dir="ltr"
            value={value.mailbox}
            onChange={(event) => set({ mailbox: event.currentTarget.value })}
            error={errors['imap.mailbox']}
          />
          <Switch
            label={t('settings.imap.allowSelfSigned')}
            description={t('settings.imap.allowSelfSignedHint')}
            color="orange"
            checked={value.allowSelfSignedCertificate}
            onChange={(event) => set({ allowSelfSignedCertificate: event.currentTarget.checked })}
            data-testid="imap-allow-self-signed"
          />
          {value.allowSelfSignedCertificate && <ImapCertificateWarning />}
        </>
      )}
    </>
  );
};

/** Shown wherever a mailbox's server certificate goes unchecked. */
export const ImapCertificateWarning = () => {
  const { t } = useTranslation('email');
  return (
    <Alert color="orange" title={t('settings.imap.certificateUncheckedTitle')} data-testid="imap-certificate-warning">
      {t('settings.imap.certificateUnchecked')}
    </Alert>
  );
};
