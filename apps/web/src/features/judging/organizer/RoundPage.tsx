import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until the page is built (issue 10). */
export function RoundPage() {
  const { t } = useTranslation();
  return <Typography.Title level={3}>{t('judgingRound.title')}</Typography.Title>;
}
