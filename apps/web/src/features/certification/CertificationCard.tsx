import { PaperClipOutlined } from '@ant-design/icons';
import { professionalTitleLabel, type TCertificationView as TCertification } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { certificationFileUrl, useWithdrawCertification } from '../../api/certifications.ts';
import { CertificationStatusTag } from '../../components/CertificationStatusTag.tsx';
import { formatBytes, formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/** One of my requests: what, for which organization, where it stands, why it was refused, and withdraw while pending. */
export function CertificationCard({ cert }: { cert: TCertification }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const withdraw = useWithdrawCertification();
  return (
    <Card size="small" data-testid={`cert-${cert.id}`}>
      <Flex vertical gap={6}>
        <Flex gap={8} wrap="wrap" align="center" justify="space-between">
          <Typography.Text strong>
            {t(`cert.kinds.${cert.kind}`)} · {cert.organization.name}
            {cert.title ? ` · ${professionalTitleLabel(cert.title, lang)}` : ''}
          </Typography.Text>
          <CertificationStatusTag id={cert.id} status={cert.status} />
        </Flex>
        {cert.note ? <Typography.Text type="secondary">{cert.note}</Typography.Text> : null}
        <Flex gap={8} wrap="wrap" align="center">
          <a href={certificationFileUrl(cert.id)} download={cert.file.name} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            <PaperClipOutlined /> {cert.file.name}
          </a>
          <Typography.Text type="secondary">{formatBytes(cert.file.size)}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('cert.submittedAt', { time: formatDateTime(cert.createdAt, lang) })}
          {cert.decidedAt ? ` · ${t('cert.decidedAt', { time: formatDateTime(cert.decidedAt, lang) })}` : ''}
        </Typography.Text>
        {cert.status === 'rejected' && cert.decisionReason ? (
          <Alert
            type="error"
            showIcon
            title={`${t('cert.reason')}：${cert.decisionReason}`}
            data-testid={`cert-reason-${cert.id}`}
          />
        ) : null}
        {cert.abilities.withdraw === true ? (
          <div>
            <Popconfirm
              title={t('cert.withdrawConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                withdraw.mutateAsync(cert.id).then(
                  () => void message.success(t('cert.withdrawn')),
                  (err: Error) => void message.error(err.message),
                )
              }
            >
              <Button size="small" danger loading={withdraw.isPending} data-testid={`cert-withdraw-${cert.id}`}>
                {t('cert.withdraw')}
              </Button>
            </Popconfirm>
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
