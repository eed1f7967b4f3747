import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { monthlyPlan } from '../../../../src/modules/planning/contract.ts';
import { api, errorMessage } from '../../api.ts';
import { categoryLabels, labelOf } from '../../shared/labels.ts';
import { formatWan } from '../../shared/money.ts';
import { PortalLayout } from './PortalLayout.tsx';

type Line = z.infer<typeof monthlyPlan>['lines'][number] & { key: number };

const columns: TableColumnsType<Line> = [
  { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
  { title: '采购项目', dataIndex: 'itemName', key: 'itemName' },
  {
    title: '类别',
    dataIndex: 'category',
    key: 'category',
    render: (v: string) => labelOf(categoryLabels, v),
  },
  {
    title: '预算金额（万元）',
    dataIndex: 'amountFen',
    key: 'amountFen',
    align: 'right',
    render: (v: string) => formatWan(v),
  },
  {
    title: '预计采购时间',
    dataIndex: 'expectedStartOn',
    key: 'expectedStartOn',
    render: (v: string | null) => v ?? '—',
  },
];

/** Next month in Beijing time: the plan a visitor most likely looks for. */
function nextMonth(): { year: number; month: number } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  const year = y ?? new Date().getFullYear();
  const month = m ?? 1;
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

/** 月度采购活动计划: the lines commissioned to the centre for one month, with their total. */
export function MonthlyPlanPage() {
  const [period, setPeriod] = useState(nextMonth);
  const plan = useQuery({
    queryKey: ['portal', 'monthly-plan', period.year, period.month],
    queryFn: () => api('/api/portal/monthly-plan', monthlyPlan, { query: period }),
    placeholderData: keepPreviousData,
  });
  const thisYear = nextMonth().year;
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];

  return (
    <PortalLayout>
      <Card
        title="月度采购活动计划"
        extra={
          <Space>
            <Select<number>
              aria-label="年度"
              data-testid="monthly-plan-year"
              value={period.year}
              style={{ width: 110 }}
              options={years.map((y) => ({ value: y, label: `${y} 年` }))}
              onChange={(year) => setPeriod((p) => ({ ...p, year }))}
            />
            <Select<number>
              aria-label="月份"
              data-testid="monthly-plan-month"
              value={period.month}
              style={{ width: 90 }}
              virtual={false}
              options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }))}
              onChange={(month) => setPeriod((p) => ({ ...p, month }))}
            />
          </Space>
        }
      >
        {plan.isError && (
          <Alert type="error" showIcon title={errorMessage(plan.error)} style={{ marginBottom: 16 }} />
        )}
        <Table<Line>
          rowKey="key"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={plan.isFetching}
          dataSource={plan.data?.lines.map((line, key) => ({ ...line, key }))}
          columns={columns}
          pagination={false}
          locale={{ emptyText: `${period.year} 年 ${period.month} 月暂无采购活动计划` }}
          onRow={() => ({ 'data-testid': 'monthly-plan-row' }) as object}
          summary={() =>
            plan.data && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <Typography.Text strong>合计（{plan.data.lines.length} 项）</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <Typography.Text strong data-testid="monthly-plan-total">
                    {formatWan(plan.data.totalFen)}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} />
              </Table.Summary.Row>
            )
          }
        />
      </Card>
    </PortalLayout>
  );
}
