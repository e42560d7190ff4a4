import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const ActiveBadge = ({ active }: { active: boolean }) => {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'green' : 'gray'} variant="light" size="sm">
      {active ? t('admin.active') : t('admin.inactive')}
    </Badge>
  );
};
