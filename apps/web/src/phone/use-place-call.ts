import type { PlaceCallRequest } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../ui/notify-error';
import { addOfferedCall } from './offered-calls';
import { phoneKeys, placeCall } from './phone-api';

/** Click-to-call: the provider rings the agent's phone, then the customer; the call card opens at once. */
export const usePlaceCall = () => {
  const { t } = useTranslation('phone');
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PlaceCallRequest) => placeCall(request),
    onSuccess: ({ callId }) => {
      addOfferedCall(queryClient, callId);
      notifySuccess(t('calling'));
      void queryClient.invalidateQueries({ queryKey: phoneKeys.callbacks });
    },
    onError: notifyError,
  });
};
