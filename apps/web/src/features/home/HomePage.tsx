import { AuditOutlined, FileAddOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { CampaignList } from '../campaigns/CampaignList.tsx';

/** A short introduction and the way in: register, certify, submit, follow. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const steps = [
    { icon: <UserAddOutlined />, text: t('home.steps.s1') },
    { icon: <SafetyCertificateOutlined />, text: t('home.steps.s2') },
    { icon: <FileAddOutlined />, text: t('home.steps.s3') },
    { icon: <AuditOutlined />, text: t('home.steps.s4') },
  ];
  return (
    <Flex vertical gap={24}>
      <Card variant="borderless" style={{ background: 'linear-gradient(135deg, #e8f1fb 0%, #f6f9fc 100%)' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('home.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 16, maxWidth: 760 }}>{t('home.intro')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('home.forWhom')}</Typography.Paragraph>
        <Flex gap={12} wrap="wrap">
          {me ? (
            <LinkButton to="/account" type="primary" size="large">
              {t('home.toAccount')}
            </LinkButton>
          ) : (
            <LinkButton to="/register" type="primary" size="large">
              {t('home.start')}
            </LinkButton>
          )}
          <LinkButton to="/orgs" size="large">
            {t('home.search')}
          </LinkButton>
        </Flex>
      </Card>
      <CampaignList />
      <div>
        <Typography.Title level={4}>{t('home.stepsTitle')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {steps.map((s, i) => (
            <Col key={s.text} xs={24} sm={12} lg={6}>
              <Card style={{ height: '100%' }}>
                <Flex gap={12} align="flex-start">
                  <span style={{ fontSize: 24, color: '#0f6cbd' }}>{s.icon}</span>
                  <Typography.Text>
                    <strong>{i + 1}.</strong> {s.text}
                  </Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </div>
    </Flex>
  );
}
