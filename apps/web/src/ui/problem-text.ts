import { domainErrorCodes, type ErrorCode } from '@switchboard/contracts';
import type { TFunction } from 'i18next';
import { ProblemError } from '../api/problem-error';

const domainCodes: ReadonlySet<string> = new Set<ErrorCode>(domainErrorCodes);

/**
 * Words for an error the user can act on: a domain rule by its code in the reader's language (the server's
 * English detail is then left out), ours for the well-known statuses, the server's for the rest.
 */
export const problemText = (error: unknown, t: TFunction): { title: string; detail?: string } => {
  if (!(error instanceof ProblemError)) {
    return { title: t('errors.unexpected'), detail: error instanceof Error ? error.message : undefined };
  }
  if (domainCodes.has(error.code)) return { title: t(`errors.codes.${error.code}`) };
  if (error.status === 0) return { title: t('errors.network'), detail: error.detail };
  if (error.status === 429) return { title: t('errors.tooManyAttempts'), detail: error.detail };
  if (error.status === 403) return { title: t('errors.forbidden'), detail: error.detail };
  if (error.status === 404) return { title: t('errors.notFound'), detail: error.detail };
  const fields = error.errors.map((field) => `${field.path}: ${field.message}`).join('; ');
  return { title: error.title, detail: [error.detail, fields].filter(Boolean).join(' — ') || undefined };
};
