import { createTheme, type MantineThemeOverride } from '@mantine/core';
import type { Locale } from '@switchboard/contracts';

const latin = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
// Vazirmatn carries Latin glyphs too, so mixed Persian/English text keeps one rhythm.
const persian = `Vazirmatn, ${latin}`;

const base = {
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Badge: { defaultProps: { radius: 'sm' } },
  },
} satisfies MantineThemeOverride;

const themes = {
  en: createTheme({ ...base, fontFamily: latin, headings: { fontFamily: latin } }),
  fa: createTheme({ ...base, fontFamily: persian, headings: { fontFamily: persian } }),
};

export const themeFor = (locale: Locale) => themes[locale];
