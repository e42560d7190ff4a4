import { useQuery } from '@tanstack/react-query';
import { listClients } from '../api/admin-api';
import { queryKeys } from '../api/query-keys';

export const useClients = () => useQuery({ queryKey: queryKeys.clients, queryFn: listClients, staleTime: 60_000 });
