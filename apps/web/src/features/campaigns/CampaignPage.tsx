import type { Locale } from '@casearena/contract';
import { Alert, Card, Collapse, Descriptions, Flex, Spin, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { formatBytes, formatDateTime } from '../../components/format.ts';
import { CampaignResultsLinks } from '../awards/CampaignResultsLinks.tsx';
import { acceptsEntries, StartEntryButton } from '../entries/StartEntryButton.tsx';
import { PublicVotingLink } from '../voting/PublicVotingLink.tsx';
import { shanghaiMinute } from './campaign-time.ts';
import { PassedEntries } from './PassedEntries.tsx';

/** A call's public landing page: organizer, eligibility, themes with directions, timeline, materials, consent. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { data: c, isLoading, error } = useCampaign(id);
  if (isLoading) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (error || !c) return <Alert type="error" showIcon message={error?.message ?? ''} />;
  // A finished call shows every step done; otherwise the running one (none in a gap or before the start).
  const current = c.stage === 'finished' ? c.phases.length : c.phases.findIndex((p) => p.key === c.currentPhase);
  const ended = c.stage === 'finished';
  const day = (iso: string) => formatDateTime(iso, lang).slice(0, 10);
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {c.title}{' '}
          <Tag color={ended ? 'default' : 'blue'}>
            {t(ended ? 'campaigns.sections.finished' : `campaigns.statuses.${c.status}`)}
          </Tag>
        </Typography.Title>
        {ended ? (
          <Alert
            type="info"
            showIcon
            data-testid="campaign-ended"
            style={{ marginBottom: 16 }}
            title={t('campaigns.ended')}
            description={t('campaigns.endedHint')}
          />
        ) : c.nextDeadline ? (
          <Typography.Paragraph strong data-testid="campaign-next-deadline">
            {c.currentPhaseLabel ? `${t('campaigns.phaseNow', { phase: c.currentPhaseLabel })} · ` : ''}
            {t('campaigns.deadline', { label: c.nextDeadline.label, time: shanghaiMinute(c.nextDeadline.at) })}
          </Typography.Paragraph>
        ) : null}
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('campaigns.organizer')}>{c.organizer.name}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.eligibility')}>{c.eligibility}</Descriptions.Item>
        </Descriptions>
        {c.introduction ? (
          <div
            className="campaign-introduction"
            data-testid="campaign-introduction"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server with an allow-list (platform/text/sanitize.ts), and the CSP forbids inline script
            dangerouslySetInnerHTML={{ __html: c.introduction }}
          />
        ) : null}
        <PublicVotingLink campaign={c} />
        <CampaignResultsLinks campaign={c} />
      </Card>
      <Card title={t('campaigns.timeline')}>
        <Steps
          direction="vertical"
          size="small"
          current={current}
          items={c.phases.map((p) => ({
            title: p.label,
            description: `${day(p.startsAt)} – ${day(p.endsAt)}${p.key === c.currentPhase ? ` · ${t('campaigns.now')}` : ''}`,
          }))}
        />
      </Card>
      <Card title={`${t('campaigns.themes')}（${c.themes.length}）`}>
        <Collapse
          // Only the title toggles: the 申报 button in each header would otherwise sit inside a role=button.
          collapsible="header"
          items={c.themes.map((th) => ({
            key: th.id,
            label: `${th.code} ${th.title}`,
            extra: acceptsEntries(c) ? <StartEntryButton campaign={c} theme={th} /> : undefined,
            children: (
              <Typography.Paragraph style={{ margin: 0 }}>
                <strong>{t('campaigns.directions')}：</strong>
                {th.directions}
              </Typography.Paragraph>
            ),
          }))}
        />
      </Card>
      <PassedEntries campaign={c} />
      <Card title={t('campaigns.materials')}>
        <Descriptions column={1} size="small" bordered>
          {c.attachments.map((a) => (
            <Descriptions.Item key={a.key} label={a.label}>
              {a.types.join(' / ').toUpperCase()} · {t('campaigns.upTo', { size: formatBytes(a.maxBytes) })} ·{' '}
              {a.required ? t('campaigns.required') : t('campaigns.optional')}
            </Descriptions.Item>
          ))}
        </Descriptions>
        {c.downloads.length > 0 ? (
          <Flex vertical gap={4} style={{ marginTop: 16 }}>
            <Typography.Text strong>{t('campaigns.downloads')}</Typography.Text>
            {c.downloads.map((d) => (
              <a key={d.fileId} href={`/api/campaigns/${c.id}/downloads/${d.fileId}`} download data-testid="campaign-download">
                {d.label}（{d.name}，{formatBytes(d.size)}）
              </a>
            ))}
          </Flex>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('campaigns.consent')}：{c.consent}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
