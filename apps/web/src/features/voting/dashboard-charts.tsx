import { CERTIFICATION_LEVELS, type CertificationLevel, type TVotingDashboard } from '@casearena/contract';
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { type ChartOption, EChart } from './EChart.tsx';

const LEVEL_COLORS = { none: '#8c8c8c', professional: '#1677ff', institution: '#faad14' } as const satisfies Record<
  CertificationLevel,
  string
>;

/** Counted votes per Beijing hour, one stacked bar series per theme (hours without votes show as gaps of zero). */
export function HourlyChart({ dashboard }: { dashboard: TVotingDashboard }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const hours = [...new Set(dashboard.hourly.map((h) => h.hour))].sort();
    const index = new Map(hours.map((h, i) => [h, i]));
    const series = dashboard.themes.map((theme) => {
      const data = hours.map(() => 0);
      for (const h of dashboard.hourly) if (h.themeId === theme.id) data[index.get(h.hour) ?? 0] = h.votes;
      return { name: `${theme.code} ${theme.title}`, type: 'bar', stack: 'votes', data, barMaxWidth: 24 };
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      // '2026-03-16 09:00' reads '03-16 09:00': the year is the campaign's.
      xAxis: { type: 'category', data: hours.map((h) => h.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [dashboard]);
  if (dashboard.hourly.length === 0) return <Empty description={t('votingDashboard.noVotes')} />;
  return <EChart option={option} height={300} testId="dashboard-hourly-chart" />;
}

/** The top 20 entries' weighted totals split by the voter's certification level, as horizontal stacked bars. */
export function LevelChart({ dashboard }: { dashboard: TVotingDashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const shown = Math.min(20, dashboard.entries.length);
  const option = useMemo<ChartOption>(() => {
    // The biggest on top: ECharts draws a category axis from the bottom up.
    const rows = dashboard.entries.slice(0, 20).reverse();
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: Array<{ dataIndex: number; seriesName: string; value: number; marker: string }>) => {
          const row = rows[params[0]?.dataIndex ?? 0];
          if (!row) return '';
          const lines = params.map((p) => `${p.marker}${p.seriesName}: ${p.value.toLocaleString(lang)}`);
          return [`<b>${row.number ?? ''}</b> ${escapeHtml(row.title)}`, escapeHtml(row.organizationName), ...lines].join(
            '<br/>',
          );
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.number ?? r.title.slice(0, 8)) },
      series: CERTIFICATION_LEVELS.map((level) => ({
        name: t(`votingDashboard.levels.${level}`),
        type: 'bar',
        stack: 'weight',
        color: LEVEL_COLORS[level],
        data: rows.map((r) => r.byLevel[level].weight),
        barMaxWidth: 18,
      })),
    };
  }, [dashboard, t, lang]);
  if (shown === 0) return <Empty description={t('votingDashboard.noVotes')} />;
  return <EChart option={option} height={Math.max(200, 60 + shown * 26)} testId="dashboard-level-chart" />;
}

/** The new accounts' share of counted votes as a gauge (0-100 %). */
export function NewAccountsGauge({ share }: { share: number }) {
  const option = useMemo<ChartOption>(
    () => ({
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          radius: '95%',
          center: ['50%', '60%'],
          startAngle: 200,
          endAngle: -20,
          progress: { show: true, width: 12 },
          axisLine: { lineStyle: { width: 12 } },
          axisTick: { show: false },
          splitLine: { length: 8, lineStyle: { width: 1 } },
          // Ticks without numbers: the percentage in the middle is the figure, labels at this size overlap.
          axisLabel: { show: false },
          pointer: { show: false },
          detail: { valueAnimation: true, formatter: '{value}%', fontSize: 22, offsetCenter: [0, '10%'] },
          data: [{ value: Math.round(share * 1000) / 10 }],
        },
      ],
    }),
    [share],
  );
  return <EChart option={option} height={180} testId="dashboard-new-accounts-gauge" />;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
