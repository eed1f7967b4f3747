import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { categoryLabels } from '../../shared/labels.ts';
import { formatWan } from '../../shared/money.ts';
import { methodLabels } from '../tendering/api.ts';
import type { Figures, StatisticsReport } from './api.ts';

type Row = Figures & { key: string; label: string };

const right = { align: 'right' as const };

/** The seeds' columns: 采购次数 | 标段数 | 采购预算 | 合同金额 | 实际支付 | 实际采购金额 | 节约资金 | 资金节约率. */
function figureColumns(first: string, width = 120): TableColumnsType<Row> {
  return [
    { title: first, dataIndex: 'label', key: 'label', width, fixed: 'left' },
    { title: '采购次数', dataIndex: 'procurements', key: 'procurements', ...right },
    { title: '标段数', dataIndex: 'lots', key: 'lots', ...right },
    { title: '采购预算(万元)', dataIndex: 'budgetFen', key: 'budget', render: formatWan, ...right },
    { title: '合同金额(万元)', dataIndex: 'contractFen', key: 'contract', render: formatWan, ...right },
    { title: '实际支付(万元)', dataIndex: 'paidFen', key: 'paid', render: formatWan, ...right },
    { title: '实际采购金额(万元)', dataIndex: 'actualFen', key: 'actual', render: formatWan, ...right },
    { title: '节约资金(万元)', dataIndex: 'savingsFen', key: 'savings', render: formatWan, ...right },
    { title: '资金节约率', dataIndex: 'savingsRateText', key: 'rate', ...right },
  ];
}

const cells = (f: Figures): string[] => [
  String(f.procurements),
  String(f.lots),
  formatWan(f.budgetFen),
  formatWan(f.contractFen),
  formatWan(f.paidFen),
  formatWan(f.actualFen),
  formatWan(f.savingsFen),
  f.savingsRateText,
];

export function FiguresTable({
  first,
  rows,
  total,
  totalLabel = '合计',
  testId,
  empty = '本期间内没有数据',
}: {
  first: string;
  rows: Row[];
  total?: Figures;
  totalLabel?: string;
  testId: string;
  empty?: string;
}) {
  return (
    <Table<Row>
      data-testid={testId}
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={figureColumns(first)}
      dataSource={rows}
      locale={{ emptyText: empty }}
      onRow={(r) => ({ 'data-row': r.key }) as object}
      summary={
        total && rows.length > 0
          ? () => (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{totalLabel}</Table.Summary.Cell>
                  {cells(total).map((c, i) => (
                    <Table.Summary.Cell key={i} index={i + 1} align="right">
                      {c}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          : undefined
      }
    />
  );
}

export const categoryRows = (r: StatisticsReport): Row[] =>
  r.categories.map((c) => ({ ...c, key: c.category, label: c.label }));
export const serviceKindRows = (r: StatisticsReport): Row[] =>
  r.serviceKinds.map((k) => ({ ...k, key: k.serviceKind, label: k.label }));
export const levelRows = (r: StatisticsReport): Row[] =>
  r.levels.map((l) => ({ ...l, key: l.level, label: l.label }));
export const methodRows = (r: StatisticsReport): Row[] =>
  r.methods.map((m) => ({ ...m, key: m.method, label: m.label }));
export const programmeRows = (r: StatisticsReport): Row[] =>
  r.programmes.map((p) => ({ ...p, key: p.programme, label: p.programme }));
export const monthRows = (r: StatisticsReport): Row[] =>
  r.monthly.map((m) => ({ ...m, key: m.month, label: m.month }));

type Major = StatisticsReport['major']['projects'][number];

const majorColumns: TableColumnsType<Major> = [
  {
    title: '项目编号',
    dataIndex: 'code',
    key: 'code',
    render: (code: string, p) =>
      p.projectId ? <Link to={`/app/projects/${p.projectId}`}>{code}</Link> : <span>{code}</span>,
  },
  { title: '项目名称', dataIndex: 'name', key: 'name', width: 300, ellipsis: { showTitle: true } },
  {
    title: '类别',
    dataIndex: 'category',
    key: 'category',
    render: (c: Major['category']) => categoryLabels[c],
  },
  { title: '采购方式', dataIndex: 'method', key: 'method', render: (m: Major['method']) => methodLabels[m] },
  {
    title: '来源',
    dataIndex: 'source',
    key: 'source',
    render: (s: Major['source']) => (s === 'platform' ? <Tag color="blue">平台</Tag> : <Tag>历史导入</Tag>),
  },
  { title: '合同签订日', dataIndex: 'contractedOn', key: 'contractedOn' },
  { title: '采购预算(万元)', dataIndex: 'budgetFen', key: 'budget', render: formatWan, ...right },
  { title: '实际采购金额(万元)', dataIndex: 'actualFen', key: 'actual', render: formatWan, ...right },
  { title: '节约资金(万元)', dataIndex: 'savingsFen', key: 'savings', render: formatWan, ...right },
  { title: '资金节约率', dataIndex: 'savingsRateText', key: 'rate', ...right },
];

export function MajorProjectsTable({ report }: { report: StatisticsReport }) {
  const f = report.major.figures;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {f.procurements > 0
          ? `一千万元以上的重大采购项目${f.procurements}个，采购预算${f.budgetText}，实际采购金额${f.actualText}，节约资金${f.savingsText}，资金节约率${f.savingsRateText}。`
          : '本期间内没有一千万元以上（含）的重大采购项目。'}
      </Typography.Paragraph>
      <Table<Major>
        data-testid="table-major"
        rowKey={(p) => `${p.source}:${p.code}`}
        size="small"
        bordered
        pagination={
          report.major.projects.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false
        }
        scroll={{ x: 'max-content' }}
        columns={majorColumns}
        dataSource={report.major.projects}
        locale={{ emptyText: '没有重大采购项目' }}
      />
    </>
  );
}

type CycleRow = StatisticsReport['cycleTimes']['byMethod'][number];

export function CycleTable({ report }: { report: StatisticsReport }) {
  const days = (v: number) => v.toFixed(1);
  return (
    <Table<CycleRow>
      data-testid="table-cycle"
      rowKey="method"
      size="small"
      bordered
      pagination={false}
      columns={[
        { title: '采购方式', dataIndex: 'label', key: 'label' },
        { title: '项目数', dataIndex: 'procurements', key: 'n', ...right },
        { title: '平均(日)', dataIndex: 'meanDays', key: 'mean', render: days, ...right },
        { title: '中位数(日)', dataIndex: 'medianDays', key: 'median', render: days, ...right },
        { title: '90%分位(日)', dataIndex: 'p90Days', key: 'p90', render: days, ...right },
      ]}
      dataSource={report.cycleTimes.byMethod}
      locale={{ emptyText: '没有可计算办结期限的项目' }}
    />
  );
}
