import { SafetyCertificateFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import type { CertificationLevel } from '@casearena/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS = { none: 'default', professional: 'blue', institution: 'gold' } as const satisfies Record<
  CertificationLevel,
  string
>;

/** The account's certification level, which later sets the weight of its votes. */
export function CertificationLevelTag({ level }: { level: CertificationLevel }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={COLORS[level]}
      icon={level === 'none' ? <SafetyCertificateOutlined /> : <SafetyCertificateFilled />}
      data-testid="certification-level"
      data-level={level}
    >
      {t(`account.levels.${level}`)}
    </Tag>
  );
}
