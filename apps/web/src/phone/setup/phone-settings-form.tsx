import { Button, Group, NumberInput, Paper, Stack, Textarea } from '@mantine/core';
import { type PhoneClientSettings, UpdatePhoneClientSettingsRequest } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../../admin/section-header';
import { useFormSave } from '../../admin/use-form-save';
import { ErrorAlert } from '../../ui/error-alert';
import { notifySuccess } from '../../ui/notify-error';
import { phoneKeys, updatePhoneSettings } from '../phone-api';

/** The client's recording consent notice, how long recordings are kept, and the callback target. */
export const PhoneSettingsForm = ({ clientId, settings }: { clientId: string; settings: PhoneClientSettings }) => {
  const { t } = useTranslation('phone');
  const queryClient = useQueryClient();
  const [consentNotice, setConsentNotice] = useState(settings.consentNotice);
  const [retentionDays, setRetentionDays] = useState<number | string>(settings.retentionDays ?? '');
  const [callbackDue, setCallbackDue] = useState<number | string>(settings.callbackDueMinutes);
  const form = useFormSave(
    UpdatePhoneClientSettingsRequest,
    (body) => updatePhoneSettings(clientId, body),
    () => {
      void queryClient.invalidateQueries({ queryKey: phoneKeys.setup(clientId) });
      notifySuccess(t('setup.saved'));
    },
  );
  return (
    <div>
      <SectionHeader title={t('setup.recordingTitle')} description={t('setup.recordingHint')} />
      <Paper withBorder radius="md" p="md">
        <form
          noValidate
          data-testid="phone-settings-form"
          onSubmit={(event) => {
            event.preventDefault();
            form.submit({
              consentNotice,
              retentionDays: retentionDays === '' ? null : Number(retentionDays),
              callbackDueMinutes: Number(callbackDue),
            });
          }}
        >
          <Stack gap="sm" maw={640}>
            {form.error ? <ErrorAlert error={form.error} /> : null}
            <Textarea
              label={t('setup.consentNotice')}
              description={t('setup.consentNoticeHint')}
              autosize
              minRows={2}
              dir="auto"
              value={consentNotice}
              onChange={(event) => setConsentNotice(event.currentTarget.value)}
              error={form.fieldErrors.consentNotice}
              data-testid="consent-notice"
            />
            <Group grow align="flex-start">
              <NumberInput
                label={t('setup.retentionDays')}
                description={t('setup.retentionHint')}
                min={1}
                max={3650}
                value={retentionDays}
                onChange={setRetentionDays}
                error={form.fieldErrors.retentionDays}
                data-testid="retention-days"
              />
              <NumberInput
                label={t('setup.callbackDue')}
                description={t('setup.callbackDueHint')}
                min={5}
                max={10080}
                value={callbackDue}
                onChange={setCallbackDue}
                error={form.fieldErrors.callbackDueMinutes}
                data-testid="callback-due"
              />
            </Group>
            <Group>
              <Button type="submit" loading={form.saving} data-testid="save-phone-settings">
                {t('translation:common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </div>
  );
};
