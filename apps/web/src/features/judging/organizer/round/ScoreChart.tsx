import type { TRoundRanking } from '@casearena/contract';
import { BoxplotChart, ScatterChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../../voting/EChart.tsx';

// EChart registers only the dashboard's charts; the registry is shared, so the round page adds its two here.
echarts.use([BoxplotChart, ScatterChart]);

/** Tukey's quartiles by linear interpolation, as a spreadsheet's QUARTILE.INC gives them. */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/** Each judge's submitted totals, from the ranking's breakdowns (the organizer's view names every judge). */
export function judgeTotals(ranking: TRoundRanking): Array<{ judgeId: string; name: string; values: number[] }> {
  const byJudge = new Map<string, { judgeId: string; name: string; values: number[] }>();
  for (const d of ranking.distributions ?? []) byJudge.set(d.judgeId, { judgeId: d.judgeId, name: d.name, values: [] });
  for (const g of ranking.groups)
    for (const r of g.rows)
      for (const j of r.perJudge) {
        if (!j.judgeId) continue;
        const entry = byJudge.get(j.judgeId) ?? { judgeId: j.judgeId, name: j.name ?? '', values: [] };
        entry.values.push(j.raw);
        byJudge.set(j.judgeId, entry);
      }
  return [...byJudge.values()].filter((j) => j.values.length > 0);
}

/**
 * Score distributions per judge (issue 10 item 7): a box of each judge's quartiles with every sheet as a dot over it,
 * on the sheet's full range, so a judge who scores everything high or low stands out beside the others.
 */
export function ScoreChart({ ranking, sheetLabel, boxLabel }: { ranking: TRoundRanking; sheetLabel: string; boxLabel: string }) {
  const option = useMemo<ChartOption>(() => {
    const judges = judgeTotals(ranking);
    const max = ranking.binEdges?.at(-1) ?? ranking.formula.sheet.weightTotal;
    const names = judges.map((j) => j.name);
    const boxes = judges.map((j) => {
      const s = [...j.values].sort((a, b) => a - b);
      return [s[0] ?? 0, quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75), s.at(-1) ?? 0];
    });
    const dots = judges.flatMap((j, i) => j.values.map((v) => [v, i]));
    return {
      grid: { left: 8, right: 16, top: 28, bottom: 24, containLabel: true },
      legend: { top: 0, data: [boxLabel, sheetLabel] },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', min: 0, max, splitLine: { show: true } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 72, overflow: 'truncate' } },
      series: [
        { name: boxLabel, type: 'boxplot', data: boxes, itemStyle: { color: '#e6f4ff', borderColor: '#1677ff' } },
        { name: sheetLabel, type: 'scatter', data: dots, symbolSize: 8, itemStyle: { color: '#fa8c16', opacity: 0.75 } },
      ],
    };
  }, [ranking, sheetLabel, boxLabel]);
  const rows = judgeTotals(ranking).length;
  return <EChart option={option} height={Math.max(160, 60 + rows * 36)} testId="score-distribution" />;
}
