import { useQuery } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { isProblem } from '../../api/problem-error';
import { getSoftphoneToken, phoneKeys } from '../phone-api';
import type { SoftphoneStatus } from './softphone-device';

/** `unconfigured`: no softphone; calls ring on the agent's own phone or the PBX. */
export type SoftphoneState = 'unconfigured' | 'loading' | SoftphoneStatus;

// A small store, not the query cache: desk events invalidate every phone query, and this is no server state.
let current: SoftphoneState = 'loading';
const listeners = new Set<() => void>();
const setStatus = (status: SoftphoneState) => {
  current = status;
  for (const notify of listeners) notify();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The token, or null when the agency has no softphone configured (the route answers 404). */
const fetchToken = async () => {
  try {
    return await getSoftphoneToken();
  } catch (error) {
    if (isProblem(error, 404)) return null;
    throw error;
  }
};

/** Mounted once on the agent's app: loads the Voice SDK chunk only when a token says a softphone exists. */
export const useSoftphoneHost = () => {
  const token = useQuery({
    queryKey: phoneKeys.softphoneToken,
    queryFn: fetchToken,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const value = token.data?.token ?? null;
  useEffect(() => {
    if (token.isPending) return;
    if (!value) {
      setStatus('unconfigured');
      return;
    }
    setStatus('loading');
    let handle: { destroy: () => void } | null = null;
    let stopped = false;
    void import('./softphone-device')
      .then(({ startSoftphone }) =>
        startSoftphone({
          token: value,
          refreshToken: async () => (await getSoftphoneToken()).token,
          onStatus: (status) => !stopped && setStatus(status),
        }),
      )
      .then((started) => {
        if (stopped) started.destroy();
        else handle = started;
      })
      .catch(() => !stopped && setStatus('error'));
    return () => {
      stopped = true;
      handle?.destroy();
    };
  }, [token.isPending, value]);
};

/** Where the agent's calls ring: the browser softphone's state, or `unconfigured`. */
export const useSoftphoneState = (): SoftphoneState => useSyncExternalStore(subscribe, () => current);
