import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api.ts';
import { categoryLabels, labelOf } from '../../shared/labels.ts';
import { formatYuan } from '../../shared/money.ts';
import { shanghaiToday } from '../planning/api.ts';
import { fetchBundles, type BundleSuggestion } from './api.ts';
import type { CreateProjectPrefill } from './CreateProjectPage.tsx';

type BundleLine = BundleSuggestion['lines'][number];

/** 打包建议: accepted lines of several units for the same 品目 in nearby months, one project each. */
export function BundlesPage() {
  const navigate = useNavigate();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const query = useQuery({ queryKey: ['/api/bundle-suggestions', year], queryFn: () => fetchBundles(year) });

  const start = (b: BundleSuggestion) => {
    const state: CreateProjectPrefill = {
      name: `${year} 年${b.itemName}打包采购项目`,
      category: b.category,
      lines: b.lines.map((l) => ({
        id: l.planLineId,
        purchaserName: l.purchaserName,
        itemCode: b.itemCode,
        itemName: b.itemName,
        amountFen: l.amountFen,
        category: b.category,
      })),
    };
    void navigate('/app/projects/new', { state });
  };

  return (
    <Card
      title="打包采购建议"
      extra={
        <Space>
          <Select
            value={year}
            style={{ width: 120 }}
            onChange={setYear}
            options={[thisYear + 1, thisYear, thisYear - 1].map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <Button onClick={() => void navigate('/app/projects')}>返回项目列表</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        同一品目、计划月份相近、由多个单位委托的已受理计划，建议合并为一个项目集中采购。
      </Typography.Paragraph>
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      {query.isPending ? (
        <Spin />
      ) : !query.data?.items.length ? (
        <Empty description="暂无可打包的采购计划" />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {query.data.items.map((b) => (
            <Card
              key={`${b.itemCode}-${b.fromMonth}`}
              type="inner"
              data-testid="bundle-suggestion"
              title={
                <Space>
                  <span>
                    {b.itemName}（{b.itemCode}）
                  </span>
                  <Tag>{labelOf(categoryLabels, b.category)}</Tag>
                  <Tag color="blue">
                    {b.fromMonth === b.toMonth ? `${b.fromMonth} 月` : `${b.fromMonth}–${b.toMonth} 月`}
                  </Tag>
                </Space>
              }
              extra={
                <Button type="primary" onClick={() => start(b)}>
                  按此建议立项
                </Button>
              }
            >
              <Table<BundleLine>
                rowKey="planLineId"
                size="small"
                pagination={false}
                dataSource={b.lines}
                columns={[
                  { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
                  {
                    title: '计划月份',
                    dataIndex: 'plannedMonth',
                    key: 'plannedMonth',
                    render: (v: number) => `${v} 月`,
                  },
                  {
                    title: '数量',
                    dataIndex: 'quantity',
                    key: 'quantity',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: '金额（元）',
                    dataIndex: 'amountFen',
                    key: 'amountFen',
                    align: 'right',
                    render: (v: string) => formatYuan(v),
                  },
                ]}
                footer={() => (
                  <span>
                    {b.lines.length} 个单位，合计 <strong>{formatYuan(b.totalFen)}</strong> 元
                  </span>
                )}
              />
            </Card>
          ))}
        </Space>
      )}
    </Card>
  );
}
