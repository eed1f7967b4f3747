import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { halfYearListing } from '../../../../src/modules/disclosure/portal/contract.ts';
import { api, errorMessage } from '../../api.ts';
import { formatWan } from '../../shared/money.ts';
import { shanghaiToday } from '../planning/api.ts';
import { PortalLayout } from './PortalLayout.tsx';

type Row = z.infer<typeof halfYearListing>['items'][number];

const wan = (fen: string | null): string => (fen === null ? '—' : formatWan(fen));

const columns: TableColumnsType<Row> = [
  {
    title: '项目编号',
    dataIndex: 'code',
    key: 'code',
    render: (v: string, r) => <Link to={`/projects/${r.projectId}`}>{v}</Link>,
  },
  { title: '项目名称', dataIndex: 'name', key: 'name' },
  {
    title: '采购单位',
    dataIndex: 'purchaserNames',
    key: 'purchaserNames',
    render: (v: string[]) => v.join('、') || '—',
  },
  { title: '类别', dataIndex: 'categoryLabel', key: 'categoryLabel' },
  { title: '采购方式', dataIndex: 'methodLabel', key: 'methodLabel' },
  { title: '预算（万元）', dataIndex: 'budgetFen', key: 'budgetFen', align: 'right', render: wan },
  { title: '状态', dataIndex: 'statusLabel', key: 'statusLabel' },
  {
    title: '中标（成交）供应商',
    dataIndex: 'winners',
    key: 'winners',
    render: (ws: Row['winners']) =>
      ws.length ? (
        <Space orientation="vertical" size={0}>
          {ws.map((w) => (
            <span key={w.lotNo}>
              {ws.length > 1 ? `第${w.lotNo}包：` : ''}
              {w.supplierName}
            </span>
          ))}
        </Space>
      ) : (
        '—'
      ),
  },
  {
    title: '中标金额（万元）',
    dataIndex: 'awardAmountFen',
    key: 'awardAmountFen',
    align: 'right',
    render: wan,
  },
  {
    title: '合同金额（万元）',
    dataIndex: 'contractAmountFen',
    key: 'contractAmountFen',
    align: 'right',
    render: wan,
  },
  { title: '首次公告', dataIndex: 'noticePublishedOn', key: 'noticePublishedOn' },
];

/** The half-year under way in Beijing time: its listing grows as projects are published (seed 000 prints it after). */
function currentHalf(): { year: number; half: number } {
  const [y, m] = shanghaiToday().split('-').map(Number);
  return { year: y ?? new Date().getFullYear(), half: (m ?? 1) <= 6 ? 1 : 2 };
}

/** 半年公告: every procurement project of a half-year with its outcome, as seed 000 prints it twice a year. */
export function HalfYearPage() {
  const [period, setPeriod] = useState(currentHalf);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(100);
  const listing = useQuery({
    queryKey: ['portal', 'half-year', period.year, period.half, page, pageSize],
    queryFn: () => api('/api/portal/half-year', halfYearListing, { query: { ...period, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const thisYear = currentHalf().year;
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const d = listing.data;
  return (
    <PortalLayout>
      <Card
        title="半年公告：采购项目一览"
        extra={
          <Space>
            <Select<number>
              aria-label="年度"
              data-testid="half-year-year"
              value={period.year}
              style={{ width: 110 }}
              options={years.map((y) => ({ value: y, label: `${y} 年` }))}
              onChange={(year) => {
                setPeriod((p) => ({ ...p, year }));
                setPage(1);
              }}
            />
            <Select<number>
              aria-label="半年"
              data-testid="half-year-half"
              value={period.half}
              style={{ width: 170 }}
              options={[
                { value: 1, label: '上半年（1–6 月）' },
                { value: 2, label: '下半年（7–12 月）' },
              ]}
              onChange={(half) => {
                setPeriod((p) => ({ ...p, half }));
                setPage(1);
              }}
            />
          </Space>
        }
      >
        {listing.isError && (
          <Alert type="error" showIcon title={errorMessage(listing.error)} style={{ marginBottom: 16 }} />
        )}
        {d && (
          <Descriptions size="small" column={{ xs: 1, md: 4 }} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="期间">
              {d.from} 至 {d.to}
            </Descriptions.Item>
            <Descriptions.Item label="项目数">
              <span data-testid="half-year-count">{d.totals.projects}</span>
            </Descriptions.Item>
            <Descriptions.Item label="预算合计（万元）">{formatWan(d.totals.budgetFen)}</Descriptions.Item>
            <Descriptions.Item label="已公告合同金额（万元）">
              {formatWan(d.totals.contractAmountFen)}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Table<Row>
          rowKey="projectId"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={listing.isFetching}
          dataSource={d?.items}
          columns={columns}
          locale={{ emptyText: `${period.year} 年${period.half === 1 ? '上' : '下'}半年暂无采购项目` }}
          onRow={() => ({ 'data-testid': 'half-year-row' }) as object}
          pagination={{
            current: page,
            pageSize,
            total: d?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [50, 100, 200, 500],
            showTotal: (n) => `共 ${n} 个项目`,
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
        />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          列入该半年内首次发布公告的全部采购项目；中标（成交）供应商与金额自结果公告起列出，合同金额自合同公告起列出。
        </Typography.Paragraph>
      </Card>
    </PortalLayout>
  );
}
