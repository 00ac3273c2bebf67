import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows, while the user types, which of the contract's password rules (ZPassword) are already met. */
export function PasswordRules({ value }: { value: string | undefined }) {
  const { t } = useTranslation();
  const v = value ?? '';
  const rules = [
    { key: 'length', ok: v.length >= 8, label: t('auth.rules.length') },
    { key: 'letter', ok: /[A-Za-z]/.test(v), label: t('auth.rules.letter') },
    { key: 'digit', ok: /\d/.test(v), label: t('auth.rules.digit') },
  ];
  return (
    <Flex gap={12} wrap="wrap" aria-live="polite" style={{ marginTop: 4 }}>
      {rules.map((r) => (
        <Typography.Text key={r.key} type={r.ok ? 'success' : 'secondary'} style={{ fontSize: 13 }}>
          {r.ok ? <CheckCircleFilled /> : <MinusCircleOutlined />} {r.label}
        </Typography.Text>
      ))}
    </Flex>
  );
}
