import { CheckCircleFilled, CloseCircleFilled, StopFilled } from '@ant-design/icons';
import type { TCertificateVerification } from '@casearena/contract';
import { Alert, Card, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { useVerifyCertificate } from './certificates-api.ts';
import { parseVerifyRef } from './verify-ref.ts';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      icon={<CloseCircleFilled />}
      title={
        <span data-testid="verify-status" data-status="not_found">
          {t('certificates.verify.notFound')}
        </span>
      }
      subTitle={t('certificates.verify.notFoundHint')}
    />
  );
}

function What({ v }: { v: TCertificateVerification }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Descriptions
        column={1}
        size="small"
        data-testid="verify-details"
        items={[
          {
            key: 'number',
            label: t('certificates.verify.number'),
            children: <span data-testid="verify-number">{v.number}</span>,
          },
          {
            key: 'recipient',
            label: t('certificates.verify.recipient'),
            children: <span data-testid="verify-recipient">{v.recipient}</span>,
          },
          ...(v.entryTitle ? [{ key: 'entry', label: t('certificates.verify.entry'), children: v.entryTitle }] : []),
          {
            key: 'award',
            label: t('certificates.verify.award'),
            children: <span data-testid="verify-award">{v.awardLabel}</span>,
          },
          ...(v.themeTitle ? [{ key: 'theme', label: t('certificates.verify.theme'), children: v.themeTitle }] : []),
          { key: 'campaign', label: t('certificates.verify.campaign'), children: v.campaignTitle },
          { key: 'issuer', label: t('certificates.verify.issuer'), children: v.issuer },
          { key: 'issued', label: t('certificates.verify.issuedAt'), children: shanghaiMinute(v.issuedAt).slice(0, 10) },
        ]}
      />
    </Card>
  );
}

/**
 * `/v/:ref` (ref = `<number>.<code>`, the certificate's QR code and short link): what the certificate says, and
 * prominently whether it is valid or was revoked; a forged or altered link reads as not found.
 */
export function VerifyPage() {
  const { ref = '' } = useParams();
  const { t } = useTranslation();
  const parsed = parseVerifyRef(ref);
  const verify = useVerifyCertificate(parsed?.number ?? '', parsed?.code ?? '');
  let body: React.ReactNode;
  if (!parsed) body = <NotFound />;
  else if (verify.isPending) body = <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  else if (verify.isError)
    body =
      verify.error instanceof ApiError && verify.error.status === 404 ? (
        <NotFound />
      ) : (
        <Alert type="error" showIcon title={verify.error.message} />
      );
  else {
    const v = verify.data;
    body =
      v.status === 'valid' ? (
        <>
          <Result
            status="success"
            icon={<CheckCircleFilled />}
            style={{ paddingBlock: 24 }}
            title={
              <span data-testid="verify-status" data-status="valid">
                {t('certificates.verify.valid')}
              </span>
            }
            subTitle={t('certificates.verify.validHint')}
          />
          <What v={v} />
        </>
      ) : (
        <>
          <Result
            status="error"
            icon={<StopFilled />}
            style={{ paddingBlock: 24 }}
            title={
              <span data-testid="verify-status" data-status="revoked">
                {t('certificates.verify.revoked')}
              </span>
            }
            subTitle={
              <span data-testid="verify-revoked">
                {t('certificates.verify.revokedAt', { at: v.revokedAt ? shanghaiMinute(v.revokedAt) : '—' })}
                {v.revokeReason ? ` · ${t('certificates.verify.revokeReason', { reason: v.revokeReason })}` : ''}
              </span>
            }
          />
          <What v={v} />
        </>
      );
  }
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, width: '100%', margin: '0 auto' }} data-testid="verify-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('certificates.verify.title')}
      </Typography.Title>
      {body}
    </Flex>
  );
}
