import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const PageLoader = () => {
  const { t } = useTranslation();
  return (
    <Center p="xl" mih={200}>
      <Loader size="md" aria-label={t('common.loading')} />
    </Center>
  );
};
