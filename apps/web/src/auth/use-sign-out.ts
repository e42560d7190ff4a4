import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import { signOut } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { notifyError } from '../ui/notify-error';

export const useSignOut = () => {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await signOut();
    } catch (error) {
      notifyError(error);
    }
    // Drop every cached answer: the next user must not glimpse the previous one's data.
    queryClient.clear();
    queryClient.setQueryData(queryKeys.me, null);
    await navigate({ to: '/login', search: {} });
  }, [queryClient, navigate]);
};
