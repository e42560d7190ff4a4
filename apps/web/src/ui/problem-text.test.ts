import { domainErrorCodes, errorCodes } from '@switchboard/contracts';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProblemError } from '../api/problem-error';
import en from '../i18n/en.json';
import fa from '../i18n/fa.json';
import { problemText } from './problem-text';

const persianLetters = /[\u0600-\u06FF]/;

/** Every domain error the API can answer with has words in English and Persian, and the reader gets theirs. */
describe('domain error codes', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { en: { translation: en }, fa: { translation: fa } }, lng: 'en' });
  });
  const codes = en.errors.codes as Record<string, string>;
  const persian = fa.errors.codes as Record<string, string>;

  it.each(domainErrorCodes)('%s is said in English and in Persian', (code) => {
    expect(codes[code], `en.json errors.codes.${code}`).toBeTruthy();
    expect(persian[code], `fa.json errors.codes.${code}`).toMatch(persianLetters);
  });

  it('translates no code the API does not have', () => {
    expect(Object.keys(codes).filter((code) => !(code in errorCodes))).toEqual([]);
    expect(Object.keys(persian).sort()).toEqual(Object.keys(codes).sort());
  });

  it('shows a domain error in the reader’s language and leaves the English detail out', async () => {
    const error = new ProblemError({
      status: 409,
      code: 'LAST_ACTIVE_OWNER',
      title: 'Conflict',
      detail: 'The agency must keep an active owner: make someone else an owner first.',
    });
    await i18n.changeLanguage('fa');
    expect(problemText(error, i18n.t)).toEqual({ title: persian.LAST_ACTIVE_OWNER });
    await i18n.changeLanguage('en');
    expect(problemText(error, i18n.t).title).toBe(codes.LAST_ACTIVE_OWNER);
  });

  it('keeps the server’s words for a general code it has no rule for', async () => {
    await i18n.changeLanguage('fa');
    const error = new ProblemError({
      status: 400,
      code: 'BAD_REQUEST',
      title: 'Bad request',
      detail: 'Nothing to change',
    });
    expect(problemText(error, i18n.t)).toEqual({ title: 'Bad request', detail: 'Nothing to change' });
  });
});
