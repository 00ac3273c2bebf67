import type { TStageHostView } from '@casearena/contract';
import { Card, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';
import { type LeaderRow, leaderRows } from '../leaderboard.ts';
import { useStageResults } from '../stage-api.ts';

const AWARD_COLORS: Record<string, string> = {
  gold: 'gold',
  silver: 'default',
  bronze: 'orange',
  first: 'red',
  second: 'volcano',
  third: 'orange',
};

/**
 * The running leaderboard while the final runs; once finished, the server's results (rank with the stated tie-break
 * and the awards), frozen with the time of the freeze.
 */
export function StandingsCard({ view }: { view: TStageHostView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const over = view.state === 'finished' || view.state === 'frozen';
  const results = useStageResults(view.id, over);
  const awardLabel = (key: string | null) => {
    if (!key) return null;
    const a = view.awards.find((x) => x.key === key);
    return <Tag color={AWARD_COLORS[key] ?? 'blue'}>{a ? a.label[lang] : key}</Tag>;
  };
  if (over && results.data) {
    const r = results.data;
    return (
      <Card
        title={t('stage.host.results')}
        extra={
          r.frozenAt ? <Tag color="green">{t('stage.host.frozenAt', { time: formatDateTime(r.frozenAt, lang) })}</Tag> : null
        }
      >
        <Table
          rowKey="entryId"
          size="small"
          pagination={false}
          dataSource={r.rows}
          data-testid="stage-results"
          onRow={() => ({ 'data-testid': 'stage-result-row' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', dataIndex: 'rank', width: 56 },
            { title: t('stage.host.columns.title'), dataIndex: 'title' },
            {
              title: t('stage.host.columns.organization'),
              dataIndex: 'organization',
              render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
            },
            { title: t('stage.host.final'), dataIndex: 'final', width: 100, render: (v: number) => v.toFixed(2) },
            { title: t('stage.host.columns.award'), dataIndex: 'award', width: 100, render: (v: string | null) => awardLabel(v) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="stage-tie-break">
          {t('stage.host.tieBreak', { text: r.tieBreak })}
        </Typography.Paragraph>
      </Card>
    );
  }
  const rows = leaderRows(view.finalists, view.awards, lang);
  return (
    <Card title={t('stage.host.leaderboard')}>
      <Table<LeaderRow>
        rowKey="entryId"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="stage-leaderboard"
        locale={{ emptyText: t('stage.none') }}
        columns={[
          { title: '#', dataIndex: 'rank', width: 56 },
          { title: t('stage.host.columns.title'), dataIndex: 'title' },
          {
            title: t('stage.host.columns.organization'),
            dataIndex: 'organization',
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
          { title: t('stage.host.final'), dataIndex: 'final', width: 100, render: (v: number) => v.toFixed(2) },
          {
            title: t('stage.host.columns.award'),
            dataIndex: 'awardKey',
            width: 100,
            render: (v: string | null) => awardLabel(v),
          },
        ]}
      />
    </Card>
  );
}
