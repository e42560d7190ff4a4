import type { Me } from '@switchboard/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';

export const meQuery = queryOptions({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });

/** Inside the signed-in layout the user is always known; the route guard made sure of it. */
export const useMe = (): Me => {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe used outside the signed-in layout');
  return data;
};

export const adminRoles: ReadonlySet<string> = new Set(['owner', 'admin', 'supervisor']);

export const canAdminister = (me: Me): boolean => me.kind === 'agency' && adminRoles.has(me.role);

export const homePath = (me: Me): '/desk' | '/portal' => (me.kind === 'client' ? '/portal' : '/desk');
