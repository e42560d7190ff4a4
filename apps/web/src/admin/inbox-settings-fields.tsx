import { ColorInput, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import type { Channel, InboxSettings } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import { ChatInboxFields } from '../chat/chat-inbox-fields';
import type { FieldErrors } from '../ui/field-errors';

/** A fresh settings object for a channel, with the same defaults the contract applies. */
export const defaultSettings = (channel: Channel): InboxSettings => {
  switch (channel) {
    case 'email':
      return { channel, address: '', senderName: '' };
    case 'chat':
      return {
        channel,
        allowedOrigins: [],
        greeting: '',
        color: '#1c7ed6',
        preChat: [],
        businessHours: null,
        locale: 'auto',
        identitySecret: '',
      };
    case 'phone':
      return { channel, number: '' };
    case 'api':
      return { channel };
  }
};

type InboxSettingsFieldsProps = {
  settings: InboxSettings;
  onChange: (settings: InboxSettings) => void;
  errors: FieldErrors;
};

export const InboxSettingsFields = ({ settings, onChange, errors }: InboxSettingsFieldsProps) => {
  const { t } = useTranslation();
  const error = (field: string) => errors[`settings.${field}`];
  switch (settings.channel) {
    case 'email':
      return (
        <>
          <TextInput
            label={t('admin.inbox.address')}
            description={t('admin.inbox.addressHint')}
            type="email"
            required
            dir="ltr"
            value={settings.address}
            onChange={(event) => onChange({ ...settings, address: event.currentTarget.value })}
            error={error('address')}
            data-testid="inbox-address"
          />
          <TextInput
            label={t('admin.inbox.senderName')}
            value={settings.senderName}
            onChange={(event) => onChange({ ...settings, senderName: event.currentTarget.value })}
            error={error('senderName')}
          />
        </>
      );
    case 'chat':
      return (
        <>
          <TagsInput
            label={t('admin.inbox.allowedOrigins')}
            description={t('admin.inbox.allowedOriginsHint')}
            dir="ltr"
            value={settings.allowedOrigins}
            onChange={(allowedOrigins) => onChange({ ...settings, allowedOrigins })}
            error={
              error('allowedOrigins') ??
              Object.entries(errors).find(([path]) => path.startsWith('settings.allowedOrigins.'))?.[1]
            }
            placeholder="https://www.example.com"
          />
          <Textarea
            label={t('admin.inbox.greeting')}
            autosize
            minRows={2}
            value={settings.greeting}
            onChange={(event) => onChange({ ...settings, greeting: event.currentTarget.value })}
            error={error('greeting')}
          />
          <ColorInput
            label={t('admin.inbox.color')}
            format="hex"
            value={settings.color}
            onChange={(color) => onChange({ ...settings, color })}
            error={error('color')}
          />
          <ChatInboxFields settings={settings} onChange={onChange} errors={errors} />
        </>
      );
    case 'phone':
      return (
        <TextInput
          label={t('admin.inbox.number')}
          description={t('admin.inbox.numberHint')}
          required
          dir="ltr"
          value={settings.number}
          onChange={(event) => onChange({ ...settings, number: event.currentTarget.value })}
          error={error('number')}
          placeholder="+15551234567"
          data-testid="inbox-number"
        />
      );
    case 'api':
      return (
        <Text size="sm" c="dimmed">
          {t('admin.inbox.apiHint')}
        </Text>
      );
  }
};
