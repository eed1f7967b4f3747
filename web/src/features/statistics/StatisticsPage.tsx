import { CloudUploadOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Progress,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tabs,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PURCHASER_LEVEL_LABELS } from '../../../../src/modules/orgs/contract.ts';
import { programmePage } from '../../../../src/modules/tendering/contract.ts';
import { serviceKindLabels } from '../../../../src/modules/statistics/contract.ts';
import { api, errorMessage } from '../../api.ts';
import { categoryLabels, optionsOf } from '../../shared/labels.ts';
import { formatWan } from '../../shared/money.ts';
import { can, useSession } from '../auth/session.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { methodLabels, programmesPath } from '../tendering/api.ts';
import { exportUrl, useReport, type ReportQuery, type StatisticsReport } from './api.ts';
import { CategoryChart, CycleHistogram, MonthlyChart, SavingsGauge } from './charts.tsx';
import {
  categoryRows,
  CycleTable,
  FiguresTable,
  levelRows,
  MajorProjectsTable,
  methodRows,
  monthRows,
  programmeRows,
  serviceKindRows,
} from './tables.tsx';
import { TargetForm } from './TargetForm.tsx';
import { shanghaiToday } from '../planning/api.ts';
import { bpToPercent } from './units.ts';

const FILTERS = ['level', 'purchaserId', 'category', 'serviceKind', 'method', 'programme', 'source'] as const;
type Filter = (typeof FILTERS)[number];

const SOURCE_OPTIONS = [
  { value: 'all', label: '全部' },
  { value: 'platform', label: '平台' },
  { value: 'historical', label: '历史导入' },
];

const yearEnd = (year: number, today: string): string =>
  String(year) === today.slice(0, 4) ? today : `${year}-12-31`;

/** The period and scope live in the address, so a report can be bookmarked and sent; this year to date by default. */
function useReportQuery(): [
  ReportQuery,
  (patch: Partial<Record<keyof ReportQuery, string | undefined>>) => void,
] {
  const [params, setParams] = useSearchParams();
  const today = shanghaiToday();
  const query: ReportQuery = {
    from: params.get('from') ?? `${today.slice(0, 4)}-01-01`,
    to: params.get('to') ?? today,
  };
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) Object.assign(query, { [f]: v });
  }
  const update = (patch: Partial<Record<keyof ReportQuery, string | undefined>>) => {
    const next = new URLSearchParams(params);
    next.set('from', query.from);
    next.set('to', query.to);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'source' && v === 'all')) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  return [query, update];
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Space size={6}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </Space>
  );
}

function Kpi({
  title,
  value,
  sub,
  testId,
}: {
  title: string;
  value: string;
  sub?: ReactNode;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { fontSize: 22, fontWeight: 600 } }}
        formatter={(v) => <span data-testid={testId}>{v}</span>}
      />
      {sub && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      )}
    </Card>
  );
}

function KpiRow({ report }: { report: StatisticsReport }) {
  const t = report.total;
  const items = [
    { key: 'procurements', title: '采购次数', value: `${t.procurements}次`, sub: `${t.lots}个标段（包）` },
    {
      key: 'budget',
      title: '采购预算',
      value: t.budgetText,
      sub: `合同金额 ${formatWan(t.contractFen)} 万元`,
    },
    {
      key: 'actual',
      title: t.allSettled ? '实际支付采购金额' : '实际采购金额',
      value: t.actualText,
      sub: t.allSettled ? '全部已结清' : '已结清按实付，其余按合同金额',
    },
    { key: 'savings', title: '节约资金', value: t.savingsText, sub: '采购预算 − 实际采购金额' },
    {
      key: 'rate',
      title: '资金节约率',
      value: t.savingsRateText,
      sub: report.target ? `目标 ≥ ${bpToPercent(report.target.savingsRateBp)}%` : '节约资金 ÷ 采购预算',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map((i) => (
        <Col key={i.key} flex="1 1 200px">
          <Kpi title={i.title} value={i.value} sub={i.sub} testId={`kpi-${i.key}`} />
        </Col>
      ))}
    </Row>
  );
}

function TargetProgress({ report }: { report: StatisticsReport }) {
  const t = report.target;
  if (!t) {
    return (
      <Typography.Paragraph type="secondary" style={{ margin: 0, textAlign: 'center' }}>
        {report.query.from.slice(0, 4) === report.query.to.slice(0, 4)
          ? '本年度未设目标，或统计范围不是全中心：只显示资金节约率。'
          : '年度目标按全中心同一自然年衡量：只显示资金节约率。'}
      </Typography.Paragraph>
    );
  }
  const progress = Math.min(100, t.budgetProgressBp / 100);
  return (
    <div data-testid="target-progress">
      <Flex justify="space-between">
        <Typography.Text>
          {t.year}年度采购预算目标 {t.budgetText}
        </Typography.Text>
        <Typography.Text strong>{(t.budgetProgressBp / 100).toFixed(2)}%</Typography.Text>
      </Flex>
      <Progress percent={progress} showInfo={false} status={t.budgetMet ? 'success' : 'normal'} />
      <Typography.Text type={t.savingsRateMet ? 'success' : 'warning'}>
        资金节约率{report.total.savingsRateText}，{t.savingsRateMet ? '达到' : '未达到'}目标（≥
        {bpToPercent(t.savingsRateBp)}%）； 采购预算{t.budgetMet ? '已完成目标' : '尚未完成目标'}
      </Typography.Text>
    </div>
  );
}

function Filters({
  query,
  update,
  report,
}: {
  query: ReportQuery;
  update: (patch: Partial<Record<keyof ReportQuery, string | undefined>>) => void;
  report: StatisticsReport | undefined;
}) {
  const session = useSession();
  const abilities = session.data?.abilities;
  const canListPurchasers = can(abilities, 'purchaser', 'list');
  const programmes = useQuery({
    queryKey: [programmesPath, 'statistics-options'],
    queryFn: () => api(programmesPath, programmePage, { query: { page: 1, pageSize: 200 } }),
    enabled: can(abilities, 'programme', 'list'),
    staleTime: 5 * 60_000,
  });
  const programmeNames = [
    ...new Set([
      ...(programmes.data?.items.map((p) => p.name) ?? []),
      ...(report?.programmes.map((p) => p.programme) ?? []),
      ...(query.programme ? [query.programme] : []),
    ]),
  ].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  const chosenYear = years.find((y) => query.from === `${y}-01-01` && query.to === yearEnd(y, today));
  const select = (
    name: Filter,
    placeholder: string,
    options: { value: string; label: string }[],
    width = 132,
  ) => (
    <Select<string>
      allowClear
      aria-label={placeholder}
      data-testid={`filter-${name}`}
      placeholder={placeholder}
      style={{ width }}
      value={query[name] ?? undefined}
      options={options}
      onChange={(v) => update({ [name]: v })}
    />
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex wrap gap={12} align="center">
        <Labelled label="统计期间">
          <Segmented<number | string>
            data-testid="period-years"
            value={chosenYear ?? 'custom'}
            options={[
              ...years.map((y) => ({ value: y, label: `${y}年` })),
              { value: 'custom', label: '自定义', disabled: true },
            ]}
            onChange={(y) => {
              if (typeof y === 'number') update({ from: `${y}-01-01`, to: yearEnd(y, today) });
            }}
          />
        </Labelled>
        <DatePicker.RangePicker
          data-testid="period-range"
          allowClear={false}
          value={[dayjs(query.from), dayjs(query.to)]}
          onChange={(_, [from, to]) => {
            if (from && to) update({ from, to });
          }}
        />
      </Flex>
      <Flex wrap gap={12} align="center">
        {select('level', '全部层级', optionsOf(PURCHASER_LEVEL_LABELS), 120)}
        {canListPurchasers && (
          <Labelled label="采购人">
            {/* A grid cell stretches the select to the box's width. */}
            <div style={{ width: 220, display: 'grid' }} data-testid="filter-purchaser">
              <OrgSelect
                kind="purchaser"
                value={query.purchaserId}
                onChange={(v) => update({ purchaserId: v })}
              />
            </div>
          </Labelled>
        )}
        {select('category', '全部类别', optionsOf(categoryLabels), 120)}
        {select('serviceKind', '全部服务细分', optionsOf(serviceKindLabels), 140)}
        {select('method', '全部采购方式', optionsOf(methodLabels), 140)}
        {select(
          'programme',
          '全部专项',
          programmeNames.map((n) => ({ value: n, label: n })),
          180,
        )}
        <Labelled label="数据来源">
          <Segmented<string>
            data-testid="filter-source"
            value={query.source ?? 'all'}
            options={SOURCE_OPTIONS}
            onChange={(v) => update({ source: v })}
          />
        </Labelled>
      </Flex>
    </Space>
  );
}

/** 统计分析: the centre's report for any period and scope, as the seeds' tables and four charts, with exports. */
export function StatisticsPage() {
  const [query, update] = useReportQuery();
  const report = useReport(query);
  const session = useSession();
  const canSetTarget = can(session.data?.abilities, 'statistics', 'setTarget');
  const canImportHistory = can(session.data?.abilities, 'statistics', 'importHistory');
  const r = report.data;
  /** A tab of one breakdown of the report, with the whole report's total under it. */
  const totalTab = (key: string, label: string, rows: ReturnType<typeof levelRows>, first = label) => ({
    key,
    label,
    children: <FiguresTable first={first} rows={rows} total={r?.total} testId={`table-${key}`} />,
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="statistics-page">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space orientation="vertical" size={0}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              统计分析
            </Typography.Title>
            <Typography.Text type="secondary">
              {r?.query.purchaserName ? `${r.query.purchaserName} · ` : ''}
              {query.from} 至 {query.to}（按合同签订日统计）
            </Typography.Text>
          </Space>
          <Space>
            {canImportHistory && (
              <Link to="/app/statistics/history" data-testid="history-import-link">
                <Button icon={<CloudUploadOutlined />}>导入历史台账</Button>
              </Link>
            )}
            <Button
              icon={<FileExcelOutlined />}
              href={exportUrl('xlsx', query)}
              download
              data-testid="export-xlsx"
            >
              导出 Excel
            </Button>
            <Button
              icon={<FileWordOutlined />}
              href={exportUrl('docx', query)}
              download
              data-testid="export-docx"
            >
              导出 Word 报告
            </Button>
          </Space>
        </Flex>
        <Filters query={query} update={update} report={r} />
      </Card>

      {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {!r && report.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {r && (
        <>
          <Alert
            type={r.total.procurements > 0 ? 'info' : 'warning'}
            showIcon
            title={<span data-testid="headline">{r.headline}</span>}
            description={
              r.categorySentences.length > 0 ? (
                <span data-testid="category-sentences">其中{r.categorySentences.join('；')}。</span>
              ) : undefined
            }
          />
          <KpiRow report={r} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card title="分类统计（万元）" size="small">
                <CategoryChart report={r} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title="资金节约率与年度目标" size="small" style={{ height: '100%' }}>
                <SavingsGauge report={r} />
                <TargetProgress report={r} />
              </Card>
            </Col>
          </Row>
          <Card title="月度趋势" size="small">
            <MonthlyChart report={r} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card title="办结期限分布（委托至合同签订，自然日）" size="small" style={{ height: '100%' }}>
                <CycleHistogram report={r} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title="各采购方式办结期限" size="small" style={{ height: '100%' }}>
                <CycleTable report={r} />
              </Card>
            </Col>
          </Row>
          <Card title="按采购类别" size="small">
            <FiguresTable first="类别" rows={categoryRows(r)} total={r.total} testId="table-categories" />
          </Card>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'major',
                  label: `重大项目（${r.major.figures.procurements}）`,
                  children: <MajorProjectsTable report={r} />,
                },
                totalTab('levels', '采购人层级', levelRows(r)),
                totalTab('methods', '采购方式', methodRows(r)),
                {
                  key: 'serviceKinds',
                  label: '服务细分',
                  children: (
                    <FiguresTable
                      first="服务类别"
                      rows={serviceKindRows(r)}
                      total={r.categories.find((c) => c.category === 'services')}
                      totalLabel="服务类合计"
                      testId="table-service-kinds"
                      empty="本期间内没有服务类采购"
                    />
                  ),
                },
                {
                  key: 'programmes',
                  label: `专项（${r.programmes.length}）`,
                  children: (
                    <FiguresTable
                      first="专项"
                      rows={programmeRows(r)}
                      testId="table-programmes"
                      empty="本期间内没有专项采购"
                    />
                  ),
                },
                totalTab('monthly', '月度', monthRows(r), '月份'),
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={canSetTarget ? 16 : 24}>
              <Card title="专家库" size="small" style={{ height: '100%' }}>
                <ExpertFigures report={r} />
              </Card>
            </Col>
            {canSetTarget && (
              <Col xs={24} xl={8}>
                <TargetForm defaultYear={Number(query.from.slice(0, 4))} />
              </Col>
            )}
          </Row>
        </>
      )}
    </Space>
  );
}

function ExpertFigures({ report }: { report: StatisticsReport }) {
  const e = report.experts;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'pool', label: '在库专家', children: `${e.poolSize}人` },
          { key: 'committees', label: '评标委员会', children: `${e.committees}个` },
          { key: 'invitations', label: '发出邀请', children: `${e.invitations}人次` },
          { key: 'filled', label: '确认参加', children: `${e.seatsFilled}人次` },
          { key: 'declined', label: '谢绝', children: `${e.declined}人次` },
          { key: 'distinct', label: '参加评审的专家', children: `${e.distinctExperts}人` },
        ]}
      />
      {e.servedShareBp !== null && e.committees > 0 && (
        <Typography.Paragraph type={e.poolShort ? 'warning' : 'secondary'} style={{ margin: '8px 0 0' }}>
          期间内参加评审的专家占在库专家的{e.servedShareText}
          {e.poolShort ? '，专家库人数跟不上项目评审的需求。' : '。'}
        </Typography.Paragraph>
      )}
    </>
  );
}
