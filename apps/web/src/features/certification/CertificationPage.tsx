import type { CertificationKind } from '@casearena/contract';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyCertifications } from '../../api/certifications.ts';
import { useMe } from '../../api/me.ts';
import { CertificationCard } from './CertificationCard.tsx';
import { CertificationRequestForm } from './CertificationRequestForm.tsx';

export function CertificationPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const mine = useMyCertifications(Boolean(me));
  if (!me) return null;
  const canRequest = me.abilities.includes('requestCertification');
  const items = mine.data?.items ?? [];
  const pendingKinds: CertificationKind[] = items.filter((c) => c.status === 'pending').map((c) => c.kind);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('cert.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('cert.intro')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('cert.newRequest')}>
            {canRequest ? (
              <CertificationRequestForm
                pendingKinds={pendingKinds}
                defaults={{ organization: me.user.organization, title: me.user.title }}
                onSubmitted={() => void mine.refetch()}
              />
            ) : (
              <Alert type="warning" title={t('cert.notAllowed')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('cert.mine')}>
            {mine.isPending ? (
              <Skeleton active />
            ) : mine.isError ? (
              <Alert type="error" showIcon title={mine.error.message} />
            ) : items.length === 0 ? (
              <Empty description={t('cert.none')} />
            ) : (
              <Flex vertical gap={12}>
                {items.map((c) => (
                  <CertificationCard key={c.id} cert={c} />
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
