import { Button, Checkbox, Code, CopyButton, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { BusinessHours, InboxSettings, PreChatField } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../ui/field-errors';

type ChatSettings = Extract<InboxSettings, { channel: 'chat' }>;

const fields: PreChatField['field'][] = ['name', 'email', 'phone'];
const defaultHours = (): BusinessHours => ({
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  days: [null, ...Array.from({ length: 5 }, () => ({ open: '09:00', close: '17:00' })), null],
});
const randomSecret = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A chat inbox's settings beyond origins, greeting and colour: pre-chat form, language, hours, identity. */
export const ChatInboxFields = ({
  settings,
  onChange,
  errors,
}: {
  settings: ChatSettings;
  onChange: (settings: ChatSettings) => void;
  errors: FieldErrors;
}) => {
  const { t } = useTranslation('chat');
  const days = t('inbox.days', { returnObjects: true }) as string[];
  const asked = (field: PreChatField['field']) => settings.preChat.find((f) => f.field === field);
  const setField = (field: PreChatField['field'], ask: boolean, required: boolean) =>
    onChange({
      ...settings,
      preChat: fields.flatMap((f) => {
        if (f !== field) return settings.preChat.filter((p) => p.field === f);
        return ask ? [{ field, required }] : [];
      }),
    });
  const hours = settings.businessHours;
  const setDay = (index: number, day: BusinessHours['days'][number]) =>
    hours &&
    onChange({ ...settings, businessHours: { ...hours, days: hours.days.map((d, i) => (i === index ? day : d)) } });

  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500}>
          {t('inbox.preChat')}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          {t('inbox.preChatHint')}
        </Text>
        {fields.map((field) => (
          <Group key={field} gap="lg" mb={4}>
            <Checkbox
              w={120}
              label={t(`inbox.field.${field}`)}
              checked={Boolean(asked(field))}
              onChange={(event) => setField(field, event.currentTarget.checked, asked(field)?.required ?? false)}
              data-testid={`prechat-${field}`}
            />
            <Checkbox
              size="xs"
              label={t('inbox.required')}
              disabled={!asked(field)}
              checked={asked(field)?.required ?? false}
              onChange={(event) => setField(field, true, event.currentTarget.checked)}
            />
          </Group>
        ))}
      </div>
      <Select
        label={t('inbox.language')}
        value={settings.locale}
        allowDeselect={false}
        data={[
          { value: 'auto', label: t('inbox.languageAuto') },
          { value: 'en', label: t('inbox.languageEn') },
          { value: 'fa', label: t('inbox.languageFa') },
        ]}
        onChange={(value) => value && onChange({ ...settings, locale: value as ChatSettings['locale'] })}
      />
      <div>
        <Switch
          label={t('inbox.alwaysOpen')}
          description={t('inbox.hoursHint')}
          checked={hours === null}
          onChange={(event) =>
            onChange({ ...settings, businessHours: event.currentTarget.checked ? null : defaultHours() })
          }
          data-testid="chat-always-open"
        />
        {hours && (
          <Stack gap={4} mt="xs">
            <TextInput
              label={t('inbox.timeZone')}
              dir="ltr"
              value={hours.timeZone}
              error={errors['settings.businessHours.timeZone']}
              onChange={(event) =>
                onChange({ ...settings, businessHours: { ...hours, timeZone: event.currentTarget.value } })
              }
            />
            {hours.days.map((day, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the seven days of the week never reorder
              <Group key={index} gap="xs" wrap="nowrap">
                <Checkbox
                  w={110}
                  size="xs"
                  label={days[index]}
                  checked={day !== null}
                  onChange={(event) =>
                    setDay(index, event.currentTarget.checked ? { open: '09:00', close: '17:00' } : null)
                  }
                />
                {day ? (
                  <>
                    <TextInput
                      size="xs"
                      type="time"
                      aria-label={`${days[index]} ${t('inbox.opens')}`}
                      value={day.open}
                      onChange={(event) => setDay(index, { ...day, open: event.currentTarget.value })}
                      error={errors[`settings.businessHours.days.${index}.open`]}
                    />
                    <TextInput
                      size="xs"
                      type="time"
                      aria-label={`${days[index]} ${t('inbox.closes')}`}
                      value={day.close}
                      onChange={(event) => setDay(index, { ...day, close: event.currentTarget.value })}
                      error={errors[`settings.businessHours.days.${index}.close`]}
                    />
                  </>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('inbox.closed')}
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </div>
      <TextInput
        label={t('inbox.identitySecret')}
        description={t('inbox.identitySecretHint')}
        dir="ltr"
        // A stored secret is never sent back: the field starts empty, and left empty it keeps the secret.
        placeholder={settings.identitySecretSet ? t('inbox.identitySecretKept') : undefined}
        value={settings.identitySecret ?? ''}
        error={errors['settings.identitySecret']}
        onChange={(event) => {
          const secret = event.currentTarget.value.trim();
          onChange({ ...settings, identitySecret: secret || (settings.identitySecretSet ? undefined : '') });
        }}
        rightSectionWidth={90}
        rightSection={
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => onChange({ ...settings, identitySecret: randomSecret() })}
          >
            {t('inbox.generate')}
          </Button>
        }
      />
      {settings.identitySecretSet && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          onClick={() => onChange({ ...settings, identitySecret: '', identitySecretSet: false })}
          data-testid="identity-secret-remove"
        >
          {t('inbox.identitySecretRemove')}
        </Button>
      )}
    </Stack>
  );
};

/** The one tag the client pastes into its site. */
export const ChatEmbedCode = ({ inboxKey }: { inboxKey: string }) => {
  const { t } = useTranslation(['chat', 'translation']);
  const code = `<script src="${location.origin}/widget.js" data-inbox="${inboxKey}" async></script>`;
  return (
    <div>
      <Text size="sm" fw={500}>
        {t('inbox.embed')}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('inbox.embedHint')}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code
          block
          dir="ltr"
          style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
          data-testid="chat-embed"
        >
          {code}
        </Code>
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy}>
              {copied ? t('translation:common.copied') : t('translation:common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
  );
};
