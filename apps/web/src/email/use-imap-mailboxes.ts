import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import { listImapMailboxes } from './email-api';

/** One request for the whole inbox table; IDLE keeps syncs frequent, so a minute's staleness is honest enough. */
export const useImapMailboxes = () =>
  useQuery({
    queryKey: queryKeys.imapMailboxes,
    queryFn: ({ signal }) => listImapMailboxes(signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
