import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { coverageKey, fetchCoverage, type CoverageRow } from './api.ts';

const columns: TableColumnsType<CoverageRow> = [
  {
    title: '评审专业',
    key: 'specialty',
    fixed: 'left',
    render: (_, r) => (
      <Space size={4}>
        <Link to={`/app/experts?specialty=${encodeURIComponent(r.code)}`}>{r.name}</Link>
        <Typography.Text type="secondary">{r.code}</Typography.Text>
        {!r.leaf && <Tag>大类</Tag>}
      </Space>
    ),
  },
  { title: '可用专家', dataIndex: 'available', key: 'available', align: 'right' },
  {
    title: '最多须回避',
    key: 'recused',
    render: (_, r) =>
      r.worstCaseRecused > 0 ? (
        <span>
          {r.worstCaseRecused} 人
          {r.worstCaseParty && <Typography.Text type="secondary">（{r.worstCaseParty}）</Typography.Text>}
        </span>
      ) : (
        '—'
      ),
  },
  {
    title: '回避后可抽取',
    dataIndex: 'drawable',
    key: 'drawable',
    align: 'right',
    render: (v: number, r) => (r.flagged ? <Typography.Text type="danger">{v}</Typography.Text> : v),
  },
  { title: '近 12 个月抽取项目', dataIndex: 'draws', key: 'draws', align: 'right' },
  {
    title: '需求压力',
    dataIndex: 'demandPressure',
    key: 'demandPressure',
    align: 'right',
    render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
  },
  {
    title: '结论',
    dataIndex: 'flagged',
    key: 'flagged',
    render: (v: boolean) => (v ? <Tag color="red">不足</Tag> : <Tag color="green">充足</Tag>),
  },
];

/** 专家库覆盖分析: the server's report as it stands on the chosen day; the UI only shows it. */
export function ExpertCoveragePage() {
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const report = useQuery({
    queryKey: coverageKey(asOf),
    queryFn: () => fetchCoverage(asOf),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const flagged = data?.rows.filter((r) => r.flagged).length ?? 0;

  return (
    <Card
      title="专家库覆盖分析"
      extra={
        <Space>
          <span>统计日</span>
          <DatePicker
            allowClear
            placeholder="今日"
            aria-label="统计日"
            onChange={(_, day) => setAsOf(typeof day === 'string' && day ? day : undefined)}
          />
        </Space>
      }
    >
      {report.isError && (
        <Alert type="error" showIcon title={errorMessage(report.error)} style={{ marginBottom: 16 }} />
      )}
      {data && (
        <Alert
          type={flagged > 0 ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="coverage-summary"
          title={
            flagged > 0
              ? `截至 ${data.asOf}，有 ${flagged} 个专业回避后不足 ${data.committeeSize} 名评委加 ${data.alternates} 名备选`
              : `截至 ${data.asOf}，各专业回避后均可组成评审委员会（${data.committeeSize} 名评委加 ${data.alternates} 名备选）`
          }
          description="可用专家：统计日在库且不在请假期间；最多须回避：单一采购人或供应商最多需回避的专家数（条例第九条，3 年内任职）；需求压力：抽取项目数 × 5 ÷ 可抽取专家数。"
        />
      )}
      <Table<CoverageRow>
        rowKey="code"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={report.isFetching}
        dataSource={data?.rows}
        columns={columns}
        pagination={false}
        rowClassName={(r) => (r.flagged ? 'zc-row-flagged' : '')}
        onRow={(r) => ({ 'data-testid': r.flagged ? 'coverage-flagged' : 'coverage-row' }) as object}
      />
    </Card>
  );
}
