import { NumberInput, TextInput } from '@mantine/core';
import { type PhoneQueue, SavePhoneQueueRequest } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../admin/form-modal';
import { useFormSave } from '../../admin/use-form-save';
import { notifySuccess } from '../../ui/notify-error';
import { phoneKeys, savePhoneQueue } from '../phone-api';

type Props = { clientId: string; queue?: PhoneQueue; onClose: () => void };

/** A call queue: its name, the audio callers hear while they wait, and how long before voicemail. */
export const PhoneQueueFormModal = ({ clientId, queue, onClose }: Props) => {
  const { t } = useTranslation('phone');
  const queryClient = useQueryClient();
  const [name, setName] = useState(queue?.name ?? '');
  const [holdAudioUrl, setHoldAudioUrl] = useState(queue?.holdAudioUrl ?? '');
  const [maxWait, setMaxWait] = useState<number | string>(queue?.maxWaitSeconds ?? 300);
  const form = useFormSave(
    SavePhoneQueueRequest,
    (body) => savePhoneQueue(clientId, queue?.id ?? null, body),
    () => {
      void queryClient.invalidateQueries({ queryKey: phoneKeys.setup(clientId) });
      notifySuccess(t('setup.saved'));
      onClose();
    },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={queue ? t('setup.editQueue') : t('setup.newQueue')}
      saving={form.saving}
      error={form.error}
      testId="phone-queue-form"
      onSubmit={() =>
        form.submit({ name, holdAudioUrl: holdAudioUrl.trim() || null, maxWaitSeconds: Number(maxWait) || 0 })
      }
    >
      <TextInput
        label={t('setup.name')}
        required
        dir="auto"
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={form.fieldErrors.name}
        data-testid="queue-name"
        data-autofocus
      />
      <TextInput
        label={t('setup.holdAudio')}
        description={t('setup.holdAudioHint')}
        placeholder="https://"
        dir="ltr"
        value={holdAudioUrl}
        onChange={(event) => setHoldAudioUrl(event.currentTarget.value)}
        error={form.fieldErrors.holdAudioUrl}
        data-testid="queue-hold-audio"
      />
      <NumberInput
        label={t('setup.maxWait')}
        description={t('setup.maxWaitHint')}
        min={10}
        max={3600}
        suffix={` ${t('setup.secondsUnit')}`}
        value={maxWait}
        onChange={setMaxWait}
        error={form.fieldErrors.maxWaitSeconds}
        data-testid="queue-max-wait"
      />
    </FormModal>
  );
};
