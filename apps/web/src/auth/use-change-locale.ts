import type { Locale } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateMyLocale } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { currentLocale, setLocale } from '../i18n/i18n';
import { notifyError } from '../ui/notify-error';

/** Switches immediately, then saves; a failed save switches back so the screen matches the account. */
export const useChangeLocale = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      const previous = currentLocale();
      await setLocale(locale);
      try {
        return await updateMyLocale(locale);
      } catch (error) {
        await setLocale(previous);
        throw error;
      }
    },
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
    onError: notifyError,
  });
};
