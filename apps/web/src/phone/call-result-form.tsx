import { Button, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { CallResultCode } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { fileCallResult, phoneKeys } from './phone-api';

/** After hang-up: result code, notes and next action, written to the customer's record. */
export const CallResultForm = ({ callId, onFiled }: { callId: string; onFiled: () => void }) => {
  const { t } = useTranslation('phone');
  const queryClient = useQueryClient();
  const [resultCode, setResultCode] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [nextAction, setNextAction] = useState('');
  const file = useMutation({
    mutationFn: () => fileCallResult(callId, { resultCode: CallResultCode.parse(resultCode), notes, nextAction }),
    onSuccess: () => {
      notifySuccess(t('resultFiled'));
      void queryClient.invalidateQueries({ queryKey: phoneKeys.all });
      onFiled();
    },
    onError: notifyError,
  });
  return (
    <Stack gap="xs" data-testid="call-result-form">
      <Title order={5}>{t('resultTitle')}</Title>
      <Select
        label={t('resultCode')}
        data={CallResultCode.options.map((code) => ({ value: code, label: t(`result.${code}`) }))}
        value={resultCode}
        onChange={setResultCode}
        required
        comboboxProps={{ zIndex: 400 }}
        data-testid="result-code"
      />
      <Textarea
        label={t('notes')}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
        autosize
        minRows={2}
      />
      <TextInput
        label={t('nextAction')}
        value={nextAction}
        onChange={(event) => setNextAction(event.currentTarget.value)}
      />
      <Button onClick={() => file.mutate()} disabled={!resultCode} loading={file.isPending} data-testid="file-result">
        {t('fileResult')}
      </Button>
    </Stack>
  );
};
