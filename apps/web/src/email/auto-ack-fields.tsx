import { Stack, Switch, Tabs, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../ui/field-errors';

export const autoAckLanguages = ['en', 'fa'] as const;
export type AutoAckLanguage = (typeof autoAckLanguages)[number];
export type AutoAckTemplate = { subject: string; body: string };
export type AutoAckValue = { enabled: boolean; templates: Record<AutoAckLanguage, AutoAckTemplate> };

export const defaultAutoAck: AutoAckValue = {
  enabled: true,
  templates: { en: { subject: '', body: '' }, fa: { subject: '', body: '' } },
};

/** The request body's `autoAck`: the languages that have a template, or null to switch acknowledgements off. */
export const autoAckRequest = (value: AutoAckValue): Record<string, AutoAckTemplate> | null =>
  value.enabled
    ? Object.fromEntries(
        autoAckLanguages
          .filter((language) => value.templates[language].subject || value.templates[language].body)
          .map((language) => [language, value.templates[language]]),
      )
    : null;

type AutoAckFieldsProps = { value: AutoAckValue; onChange: (value: AutoAckValue) => void; errors: FieldErrors };

/** The acknowledgement a new customer e-mail gets, one template per language the customer writes in. */
export const AutoAckFields = ({ value, onChange, errors }: AutoAckFieldsProps) => {
  const { t } = useTranslation('email');
  const setTemplate = (language: AutoAckLanguage, patch: Partial<AutoAckTemplate>) =>
    onChange({
      ...value,
      templates: { ...value.templates, [language]: { ...value.templates[language], ...patch } },
    });
  return (
    <>
      <Switch
        label={t('settings.autoAck.enabled')}
        description={t('settings.autoAck.hint')}
        checked={value.enabled}
        onChange={(event) => onChange({ ...value, enabled: event.currentTarget.checked })}
      />
      {value.enabled && (
        <Tabs defaultValue="en">
          <Tabs.List>
            {autoAckLanguages.map((language) => (
              <Tabs.Tab key={language} value={language}>
                {t(`settings.autoAck.language.${language}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {autoAckLanguages.map((language) => {
            const dir = language === 'fa' ? 'rtl' : 'ltr';
            return (
              <Tabs.Panel key={language} value={language} pt="xs">
                <Stack gap="xs">
                  <TextInput
                    label={t('settings.autoAck.subject')}
                    dir={dir}
                    value={value.templates[language].subject}
                    onChange={(event) => setTemplate(language, { subject: event.currentTarget.value })}
                    error={errors[`autoAck.${language}.subject`]}
                    data-testid={`auto-ack-subject-${language}`}
                  />
                  <Textarea
                    label={t('settings.autoAck.body')}
                    autosize
                    minRows={4}
                    dir={dir}
                    value={value.templates[language].body}
                    onChange={(event) => setTemplate(language, { body: event.currentTarget.value })}
                    error={errors[`autoAck.${language}.body`]}
                  />
                </Stack>
              </Tabs.Panel>
            );
          })}
        </Tabs>
      )}
    </>
  );
};
