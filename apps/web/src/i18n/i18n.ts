import type { Locale } from '@switchboard/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import automationEn from './automation.en.json';
import automationFa from './automation.fa.json';
import chatEn from './chat.en.json';
import chatFa from './chat.fa.json';
import emailEn from './email.en.json';
import emailFa from './email.fa.json';
import en from './en.json';
import escalationEn from './escalation.en.json';
import escalationFa from './escalation.fa.json';
import fa from './fa.json';
import phoneEn from './phone.en.json';
import phoneFa from './phone.fa.json';
import routingEn from './routing.en.json';
import routingFa from './routing.fa.json';
import slaEn from './sla.en.json';
import slaFa from './sla.fa.json';

const storageKey = 'switchboard.locale';

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'fa' ? 'rtl' : 'ltr');

export const currentLocale = (): Locale => (i18next.language === 'fa' ? 'fa' : 'en');

/** Before sign-in the language follows what this browser chose last, then the browser's own preference. */
const initialLocale = (): Locale => {
  const stored = globalThis.localStorage?.getItem(storageKey);
  if (stored === 'en' || stored === 'fa') return stored;
  return navigator.languages.some((language) => language.toLowerCase().startsWith('fa')) ? 'fa' : 'en';
};

const applyToDocument = (locale: Locale): void => {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
};

export const setLocale = async (locale: Locale): Promise<void> => {
  localStorage.setItem(storageKey, locale);
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
};

export const initI18n = (): Locale => {
  const locale = initialLocale();
  i18next.on('languageChanged', (language) => applyToDocument(language === 'fa' ? 'fa' : 'en'));
  void i18next.use(initReactI18next).init({
    resources: {
      en: {
        translation: en,
        email: emailEn,
        routing: routingEn,
        automation: automationEn,
        sla: slaEn,
        escalation: escalationEn,
        chat: chatEn,
        phone: phoneEn,
      },
      fa: {
        translation: fa,
        email: emailFa,
        routing: routingFa,
        automation: automationFa,
        sla: slaFa,
        escalation: escalationFa,
        chat: chatFa,
        phone: phoneFa,
      },
    },
    lng: locale,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(locale);
  return locale;
};
