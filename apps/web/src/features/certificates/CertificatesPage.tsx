import { DownloadOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { TCertificate } from '@casearena/contract';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Spin, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { applyApiError } from '../../components/api-error.ts';
import { AwardsSubpageHeader } from '../awards/AwardsSubpageHeader.tsx';
import { useAwardSet } from '../awards/awards-api.ts';
import { ReasonModal } from '../awards/ReasonModal.tsx';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { PageError } from '../organizer/PageError.tsx';
import {
  certificatePdfUrl,
  certificatesZipUrl,
  useCertificateDesign,
  useCertificates,
  useIssueCertificates,
  useRevokeCertificate,
} from './certificates-api.ts';
import { DesignForm } from './DesignForm.tsx';

/**
 * `/organizer/campaigns/:id/certificates`: the certificates (X-7): the design, issuing one per award once the set is
 * final (again only adds the missing ones), the list with each PDF and verification link, revocation with a reason,
 * and the whole campaign as one zip.
 */
export function CertificatesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const campaign = useCampaign(id);
  const set = useAwardSet(id);
  const design = useCertificateDesign(id);
  const list = useCertificates(id);
  const issue = useIssueCertificates(id);
  const revoke = useRevokeCertificate(id);
  const [revoking, setRevoking] = useState<TCertificate | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  if (set.isPending || design.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (set.isError) return <PageError error={set.error} onRetry={() => void set.refetch()} />;
  if (design.isError) return <PageError error={design.error} onRetry={() => void design.refetch()} />;
  const canIssue = list.data?.abilities.issue ?? set.data.abilities.issueCertificates;
  const certificates = list.data?.certificates ?? [];
  return (
    <Flex vertical gap={16} data-testid="certificates-page">
      <AwardsSubpageHeader campaignId={id} title={t('certificates.manager.title')} campaignTitle={campaign.data?.title ?? ''} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={9}>
          <Card size="small" title={t('certificates.design.title')}>
            <DesignForm key={design.data.campaignId} design={design.data} rules={set.data.rules} />
          </Card>
        </Col>
        <Col xs={24} xxl={15}>
          <Card
            size="small"
            title={t('certificates.manager.issued', { count: certificates.length })}
            extra={
              <Flex gap={8} wrap="wrap">
                <Button
                  type="primary"
                  icon={<SafetyCertificateOutlined />}
                  disabled={canIssue !== true}
                  loading={issue.isPending}
                  data-testid="certificates-issue"
                  onClick={() =>
                    issue.mutate(undefined, {
                      onSuccess: (r) => void message.success(t('certificates.manager.issuedDone', r)),
                      onError: (err) => void message.error(applyApiError(null, err)),
                    })
                  }
                >
                  {t('certificates.manager.issue')}
                </Button>
                {certificates.length > 0 ? (
                  <Button href={certificatesZipUrl(id)} icon={<DownloadOutlined />} data-testid="certificates-zip">
                    {t('certificates.manager.zip')}
                  </Button>
                ) : null}
              </Flex>
            }
          >
            {canIssue !== true ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="certificates-issue-refusal"
                data-code={canIssue}
                title={t(`certificates.refusals.${canIssue}`)}
              />
            ) : null}
            {list.isError ? (
              <Alert type="error" showIcon title={list.error.message} />
            ) : certificates.length === 0 && !list.isPending ? (
              <Empty description={t('certificates.manager.none')} />
            ) : (
              <Table<TCertificate>
                rowKey="id"
                size="small"
                loading={list.isPending}
                dataSource={certificates}
                scroll={{ x: 760 }}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                data-testid="certificates-list"
                onRow={(c) => ({ 'data-testid': `certificate-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('certificates.manager.number'), dataIndex: 'number', width: 150 },
                  { title: t('certificates.manager.recipient'), dataIndex: 'recipient' },
                  {
                    title: t('certificates.manager.award'),
                    key: 'award',
                    render: (_, c) => `${c.themeTitle ? `${c.themeTitle} · ` : ''}${c.awardLabel}`,
                  },
                  {
                    title: t('certificates.manager.status'),
                    key: 'status',
                    width: 110,
                    render: (_, c) =>
                      c.revokedAt ? (
                        <Tag color="red" title={c.revokeReason ?? undefined}>
                          {t('certificates.manager.revoked')}
                        </Tag>
                      ) : (
                        <Tag color="green">{t('certificates.manager.valid')}</Tag>
                      ),
                  },
                  {
                    title: t('certificates.manager.issuedAt'),
                    key: 'at',
                    render: (_, c) => shanghaiMinute(c.issuedAt).slice(0, 10),
                    width: 110,
                  },
                  {
                    title: '',
                    key: 'open',
                    width: 200,
                    render: (_, c) => (
                      <Flex gap={8} wrap="wrap">
                        <a
                          href={certificatePdfUrl(c.id)}
                          target="_blank"
                          rel="noreferrer"
                          data-testid={`certificate-pdf-${c.id}`}
                        >
                          <FilePdfOutlined /> PDF
                        </a>
                        <a href={c.verifyUrl} target="_blank" rel="noreferrer" data-testid={`certificate-verify-${c.id}`}>
                          {t('certificates.manager.verify')}
                        </a>
                        {c.abilities.revoke === true ? (
                          <Typography.Link
                            type="danger"
                            onClick={() => setRevoking(c)}
                            data-testid={`certificate-revoke-${c.id}`}
                          >
                            {t('certificates.manager.revoke')}
                          </Typography.Link>
                        ) : null}
                      </Flex>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <ReasonModal
        open={revoking !== null}
        title={t('certificates.manager.revokeTitle', { number: revoking?.number ?? '' })}
        okText={t('certificates.manager.revoke')}
        danger
        loading={revoke.isPending}
        error={revokeError}
        testId="certificate-revoke-dialog"
        onCancel={() => {
          setRevoking(null);
          setRevokeError(null);
        }}
        onOk={(reason) =>
          revoking &&
          revoke.mutate(
            { certificateId: revoking.id, reason },
            {
              onSuccess: () => {
                setRevoking(null);
                setRevokeError(null);
              },
              onError: (err) => setRevokeError(applyApiError(null, err)),
            },
          )
        }
      />
    </Flex>
  );
}
