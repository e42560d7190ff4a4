import { SegmentedControl } from '@mantine/core';
import type { Locale } from '@switchboard/contracts';
import { useTranslation } from 'react-i18next';

type LanguageSwitchProps = { value: Locale; onChange: (locale: Locale) => void; disabled?: boolean };

/** Each language is named in itself, so a reader of either can find theirs. */
export const LanguageSwitch = ({ value, onChange, disabled }: LanguageSwitchProps) => {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={value}
      disabled={disabled}
      onChange={(next) => onChange(next === 'fa' ? 'fa' : 'en')}
      data={[
        { value: 'en', label: 'English' },
        { value: 'fa', label: 'فارسی' },
      ]}
    />
  );
};
