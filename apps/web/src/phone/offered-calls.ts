import type { QueryClient } from '@tanstack/react-query';
import { phoneKeys } from './phone-api';

/** Calls offered to this agent since the desk opened, newest last; the pop-up shows them. */
export const addOfferedCall = (queryClient: QueryClient, callId: string): void => {
  queryClient.setQueryData<string[]>(phoneKeys.offered, (previous = []) =>
    previous.includes(callId) ? previous : [...previous, callId],
  );
};

export const dismissOfferedCall = (queryClient: QueryClient, callId: string): void => {
  queryClient.setQueryData<string[]>(phoneKeys.offered, (previous = []) => previous.filter((id) => id !== callId));
};
