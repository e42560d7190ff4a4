import { type Locale, Me } from '@switchboard/contracts';

import { api, apiVoid, resetCsrfToken } from './client';
import { isProblem } from './problem-error';

/** The signed-in user, or null when there is no session. */
export const fetchMe = async (): Promise<Me | null> => {
  try {
    return await api('/auth/me', Me);
  } catch (error) {
    if (isProblem(error, 401)) return null;
    throw error;
  }
};

export const signIn = async (email: string, password: string): Promise<Me> => {
  const me = await api('/auth/login', Me, { method: 'POST', body: { email, password } });
  resetCsrfToken();
  return me;
};

export const signOut = async (): Promise<void> => {
  try {
    await apiVoid('/auth/logout', { method: 'POST' });
  } finally {
    resetCsrfToken();
  }
};

export const updateMyLocale = (locale: Locale): Promise<Me> =>
  api('/auth/me', Me, { method: 'PATCH', body: { locale } });
