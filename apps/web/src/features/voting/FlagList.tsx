import { errorMessage, type TVotingDashboard } from '@casearena/contract';
import { Button, Card, Checkbox, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';

type Flag = TVotingDashboard['flags'][number];

const KIND_COLORS = {
  burst: 'volcano',
  'fresh-accounts': 'orange',
  ring: 'red',
  'shared-device': 'purple',
  subnet: 'gold',
} as const satisfies Record<Flag['kind'], string>;

/**
 * The detector's findings, each with its kind, its summary in the UI language (entry ids in it read as entry
 * numbers), its figures and the entries it touches; "plan void" per finding, or tick several for one plan.
 */
export function FlagList({ dashboard, onPlan }: { dashboard: TVotingDashboard; onPlan: (flagKeys: string[]) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [picked, setPicked] = useState<string[]>([]);
  const entries = new Map(dashboard.entries.map((e) => [e.entryId, e]));
  const figureLabels = t('votingDashboard.figures', { returnObjects: true }) as Record<string, string>;
  const can = dashboard.abilities.void;
  const refusal = can === true ? null : errorMessage(can, lang);
  const readable = (text: string) =>
    text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => entries.get(id)?.number ?? id);
  const live = picked.filter((k) => dashboard.flags.some((f) => f.key === k));

  const planButton = (keys: string[], label: string, testId: string) => (
    <Tooltip title={refusal}>
      <Button
        size="small"
        type={keys.length > 1 ? 'primary' : 'default'}
        danger
        disabled={can !== true || keys.length === 0}
        onClick={() => onPlan(keys)}
        data-testid={testId}
      >
        {label}
      </Button>
    </Tooltip>
  );

  return (
    <Card
      title={t('votingDashboard.flags')}
      data-testid="dashboard-flags"
      extra={
        dashboard.flags.length > 1
          ? planButton(live, t('votingDashboard.planSelected', { n: live.length }), 'flags-plan-selected')
          : null
      }
    >
      <Typography.Paragraph type="secondary">{t('votingDashboard.flagsHint')}</Typography.Paragraph>
      {dashboard.flags.length === 0 ? <Empty description={t('votingDashboard.noFlags')} /> : null}
      <Flex vertical gap={0}>
        {dashboard.flags.map((f) => (
          <Flex
            key={f.key}
            gap={12}
            align="flex-start"
            style={{ padding: '12px 0', borderTop: '1px solid rgba(5,5,5,0.06)' }}
            data-testid={`flag-${f.key}`}
            data-kind={f.kind}
          >
            <Checkbox
              checked={live.includes(f.key)}
              disabled={can !== true}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, f.key] : p.filter((k) => k !== f.key)))}
              data-testid={`flag-pick-${f.key}`}
            />
            <Flex vertical gap={6} style={{ flex: 1, minWidth: 0 }}>
              {/* The button sits in the first row, so on a phone the text below keeps the card's full width. */}
              <Flex gap={8} align="center" justify="space-between" wrap="wrap">
                <Flex gap={8} align="center" wrap="wrap">
                  <Tag color={KIND_COLORS[f.kind]}>{t(`votingDashboard.kinds.${f.kind}`)}</Tag>
                  <Typography.Text strong>
                    {t('votingDashboard.votes')} {f.votes.toLocaleString(lang)} · {t('votingDashboard.voters')}{' '}
                    {f.voters.toLocaleString(lang)}
                  </Typography.Text>
                </Flex>
                {planButton([f.key], t('votingDashboard.planFlag'), `flag-plan-${f.key}`)}
              </Flex>
              <Typography.Text data-testid={`flag-summary-${f.key}`}>{readable(f.summary[lang])}</Typography.Text>
              <Flex gap={4} wrap="wrap">
                {Object.entries(f.figures).map(([k, v]) => (
                  <Tag key={k} bordered={false}>
                    {figureLabels[k] ?? k} {v.toLocaleString(lang)}
                  </Tag>
                ))}
              </Flex>
              <Flex gap={4} wrap="wrap" align="center">
                <Typography.Text type="secondary">{t('votingDashboard.affected')}</Typography.Text>
                {f.entryIds.slice(0, 12).map((id) => {
                  const e = entries.get(id);
                  return (
                    <Tooltip key={id} title={e ? `${e.title} · ${e.organizationName}` : id}>
                      <Tag color="blue">{e?.number ?? id.slice(0, 8)}</Tag>
                    </Tooltip>
                  );
                })}
                {f.entryIds.length > 12 ? <Tag>+{f.entryIds.length - 12}</Tag> : null}
              </Flex>
            </Flex>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
