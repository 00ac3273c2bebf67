import {
  ArrowLeftOutlined,
  AuditOutlined,
  CrownOutlined,
  DashboardOutlined,
  EyeOutlined,
  FormOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Col, Flex, Row, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../../api/campaigns.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { VoteRulesEditor } from '../../voting/VoteRulesEditor.tsx';
import { PageError } from '../PageError.tsx';
import { STATUS_COLORS } from '../status.ts';
import { CampaignSettingsForm } from './CampaignSettingsForm.tsx';
import { CampaignStatusActions } from './CampaignStatusActions.tsx';
import { OrganizerMembers } from './OrganizerMembers.tsx';

/** `/organizer/campaigns/:id`: a campaign's settings, its status steps, and who works on it. */
export function CampaignSettingsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  if (campaign.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (campaign.isError) return <PageError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  const phase = c.phases.find((p) => p.key === c.currentPhase);
  return (
    <Flex vertical gap={16}>
      <div>
        <LinkButton to="/organizer" type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('organizer.back')}
        </LinkButton>
      </div>
      <Flex vertical gap={8}>
        <Flex align="center" gap={8} wrap="wrap">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          <Tag color={STATUS_COLORS[c.status]} data-testid="campaign-status">
            {t(`organizer.status.${c.status}`)}
          </Tag>
          {phase ? <Tag color="green">{t('organizer.currentPhase', { phase: phase.label })}</Tag> : null}
        </Flex>
        <Typography.Text type="secondary">{c.organizer.name}</Typography.Text>
        <Flex gap={8} wrap="wrap">
          <CampaignStatusActions campaign={c} />
          <LinkButton to={`/organizer/campaigns/${c.id}/form`} icon={<FormOutlined />} data-testid="campaign-form-link">
            {t('organizer.formEditor')}
          </LinkButton>
          <LinkButton to={`/screening/${c.id}`} icon={<AuditOutlined />}>
            {t('organizer.screening')}
          </LinkButton>
          <LinkButton to={`/organizer/campaigns/${c.id}/judging`} icon={<SolutionOutlined />} data-testid="campaign-judging-link">
            {t('judgingOrganizer.link')}
          </LinkButton>
          <LinkButton to={`/organizer/${c.organizer.id}/judges`} icon={<TeamOutlined />} data-testid="campaign-judges-link">
            {t('judgingOrganizer.poolLink')}
          </LinkButton>
          <LinkButton to={`/campaigns/${c.id}/stages`} icon={<StarOutlined />} data-testid="campaign-stages-link">
            {t('stage.list.link')}
          </LinkButton>
          <LinkButton to={`/organizer/campaigns/${c.id}/awards`} icon={<CrownOutlined />} data-testid="campaign-awards-link">
            {t('awards.manager.link')}
          </LinkButton>
          <LinkButton
            to={`/organizer/campaigns/${c.id}/notice`}
            icon={<NotificationOutlined />}
            data-testid="campaign-notice-link"
          >
            {t('notice.manager.link')}
          </LinkButton>
          <LinkButton
            to={`/organizer/campaigns/${c.id}/certificates`}
            icon={<SafetyCertificateOutlined />}
            data-testid="campaign-certificates-link"
          >
            {t('certificates.manager.link')}
          </LinkButton>
          <LinkButton to={`/campaigns/${c.id}`} icon={<EyeOutlined />}>
            {t('organizer.publicPage')}
          </LinkButton>
          <LinkButton
            to={`/organizer/campaigns/${c.id}/popularity`}
            icon={<TrophyOutlined />}
            data-testid="campaign-popularity-link"
          >
            {t('voting.popularity')}
          </LinkButton>
          <LinkButton
            to={`/organizer/campaigns/${c.id}/voting`}
            icon={<DashboardOutlined />}
            data-testid="campaign-voting-dashboard-link"
          >
            {t('votingDashboard.link')}
          </LinkButton>
        </Flex>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <CampaignSettingsForm key={c.id} campaign={c} />
          <div style={{ marginTop: 16 }}>
            <VoteRulesEditor key={c.id} campaign={c} />
          </div>
        </Col>
        <Col xs={24} xl={8}>
          <OrganizerMembers organizer={c.organizer} />
        </Col>
      </Row>
    </Flex>
  );
}
