import { Empty } from 'antd';
import { useEffect, useRef } from 'react';
import {
  BarChart,
  GaugeChart,
  LineChart,
  type BarSeriesOption,
  type GaugeSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { StatisticsReport } from './api.ts';
import { bpValue, wanValue } from './units.ts';

// Only what the four charts draw is bundled: bars, lines, a gauge, on canvas.
echarts.use([
  BarChart,
  LineChart,
  GaugeChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GaugeSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** A CJK font Chromium and the desktops have; ECharts draws text on canvas and does not inherit the page's fonts. */
const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', sans-serif";
const COLORS = {
  budget: '#1d4e89',
  actual: '#5b8ff9',
  savings: '#52c41a',
  rate: '#fa8c16',
  target: '#cf1322',
};

/** Users who ask for reduced motion (and the browser tests, which emulate it) get the charts without animation. */
const reducedMotion = (): boolean =>
  typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function base(): Option {
  return { animation: !reducedMotion(), textStyle: { fontFamily: FONT } };
}

const wanText = (v: unknown): string =>
  typeof v === 'number' ? `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` : '—';
const percent = (v: unknown): string => (typeof v === 'number' ? `${v.toFixed(2)}%` : '—');

/**
 * One ECharts instance on a div, resized with its box and disposed with the component. (echarts-for-react 3.0.6
 * imports tslib without declaring it — hustcc/echarts-for-react#512 — so it does not build here; this is the part
 * of it the dashboard needs.)
 */
function Chart({ option, height, testId }: { option: Option; height: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  // Options are rebuilt on every render; the chart is redrawn only when what they say changes.
  const latest = useRef(option);
  latest.current = option;
  const signature = JSON.stringify(option);
  useEffect(() => {
    chart.current?.setOption(latest.current, { notMerge: true });
  }, [signature]);
  return <div ref={box} data-testid={testId} style={{ height, width: '100%' }} />;
}

/** Bars of amounts in 万元. */
const wanBars = (
  name: string,
  color: string,
  fens: readonly string[],
  barMaxWidth: number,
): BarSeriesOption => ({
  type: 'bar',
  name,
  data: fens.map(wanValue),
  itemStyle: { color },
  barMaxWidth,
  tooltip: { valueFormatter: wanText },
});

/** 采购预算、实际采购金额、节约资金 by goods, works and services, in 万元. */
export function CategoryChart({ report }: { report: StatisticsReport }) {
  const labels = report.categories.map((c) => c.label);
  const cs = report.categories;
  const option: Option = {
    ...base(),
    tooltip: { trigger: 'axis', valueFormatter: wanText },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', name: '万元', nameTextStyle: { align: 'right' } },
    series: [
      wanBars(
        '采购预算',
        COLORS.budget,
        cs.map((c) => c.budgetFen),
        36,
      ),
      wanBars(
        '实际采购金额',
        COLORS.actual,
        cs.map((c) => c.actualFen),
        36,
      ),
      wanBars(
        '节约资金',
        COLORS.savings,
        cs.map((c) => c.savingsFen),
        36,
      ),
    ],
  };
  return <Chart option={option} height={300} testId="chart-categories" />;
}

/** Budget and actual amount per month as bars, the month's savings rate as a line on the right axis. */
export function MonthlyChart({ report }: { report: StatisticsReport }) {
  const oneYear = report.query.from.slice(0, 4) === report.query.to.slice(0, 4);
  const months = report.monthly.map((m) => (oneYear ? `${Number(m.month.slice(5))}月` : m.month));
  const option: Option = {
    ...base(),
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8 },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: '万元', nameTextStyle: { align: 'right' } },
      { type: 'value', name: '节约率', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      wanBars(
        '采购预算',
        COLORS.budget,
        report.monthly.map((m) => m.budgetFen),
        24,
      ),
      wanBars(
        '实际采购金额',
        COLORS.actual,
        report.monthly.map((m) => m.actualFen),
        24,
      ),
      {
        type: 'line',
        name: '资金节约率',
        yAxisIndex: 1,
        // A month without procurements has no rate: a gap, not a zero.
        data: report.monthly.map((m) => (m.procurements > 0 ? bpValue(m.savingsRateBp) : null)),
        itemStyle: { color: COLORS.rate },
        tooltip: { valueFormatter: percent },
        ...(report.target
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: COLORS.target, type: 'dashed' },
                label: {
                  formatter: `目标 ${bpValue(report.target.savingsRateBp)}%`,
                  position: 'insideEndTop',
                },
                data: [{ yAxis: bpValue(report.target.savingsRateBp) }],
              },
            }
          : {}),
      },
    ],
  };
  return <Chart option={option} height={320} testId="chart-monthly" />;
}

/**
 * 资金节约率 on a gauge; with a target, the dial is amber below it and green above, and the target is named under
 * the figure.
 */
export function SavingsGauge({ report }: { report: StatisticsReport }) {
  const rate = report.total.procurements > 0 ? bpValue(report.total.savingsRateBp) : 0;
  const target = report.target ? bpValue(report.target.savingsRateBp) : null;
  const max = Math.max(20, Math.ceil(Math.max(rate, (target ?? 0) * 2) / 5) * 5);
  const series: GaugeSeriesOption = {
    type: 'gauge',
    min: 0,
    max,
    radius: '92%',
    center: ['50%', '58%'],
    startAngle: 200,
    endAngle: -20,
    splitNumber: 4,
    axisLine: {
      lineStyle: {
        width: 14,
        color:
          target === null
            ? [[1, COLORS.actual]]
            : [
                [Math.min(target / max, 1), '#faad14'],
                [1, COLORS.savings],
              ],
      },
    },
    pointer: { length: '58%', width: 6, itemStyle: { color: COLORS.budget } },
    anchor: { show: true, size: 12, itemStyle: { color: COLORS.budget } },
    axisTick: { distance: -14, length: 6, lineStyle: { color: '#fff' } },
    splitLine: { distance: -14, length: 14, lineStyle: { color: '#fff', width: 2 } },
    axisLabel: { distance: 18, formatter: '{value}%', color: '#8c8c8c' },
    title: { offsetCenter: [0, '74%'], fontSize: 13, color: '#595959' },
    detail: {
      offsetCenter: [0, '46%'],
      fontSize: 26,
      fontWeight: 'bold',
      formatter: (v: number) => `${v.toFixed(2)}%`,
    },
    data: [{ value: rate, name: target === null ? '资金节约率' : `资金节约率（目标 ≥ ${target}%）` }],
  };
  return <Chart option={{ ...base(), series: [series] }} height={260} testId="chart-savings-rate" />;
}

/** Projects by days from commission to contract, in the report's buckets. */
export function CycleHistogram({ report }: { report: StatisticsReport }) {
  const buckets = report.cycleTimes.histogram;
  if (buckets.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期间内没有可计算办结期限的项目" />;
  }
  const option: Option = {
    ...base(),
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} 个项目` },
    grid: { left: 8, right: 16, top: 32, bottom: 8 },
    xAxis: { type: 'category', data: buckets.map((b) => `${b.fromDays}–${b.toDays}日`), name: '办结天数' },
    yAxis: { type: 'value', name: '项目数', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: '项目数',
        data: buckets.map((b) => b.count),
        itemStyle: { color: COLORS.budget },
        barCategoryGap: '20%',
        barMaxWidth: 64,
        label: { show: true, position: 'top' },
      },
    ],
  };
  return <Chart option={option} height={280} testId="chart-cycle" />;
}
