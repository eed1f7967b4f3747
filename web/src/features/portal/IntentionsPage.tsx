import { Card, type TableColumnsType } from 'antd';
import type { z } from 'zod';
import { publicIntentionPage } from '../../../../src/modules/planning/contract.ts';
import { formatYuan } from '../../shared/money.ts';
import { PagedTable } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { PortalLayout } from './PortalLayout.tsx';

type Intention = z.infer<typeof publicIntentionPage>['items'][number];

const columns: TableColumnsType<Intention> = [
  { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
  { title: '采购项目', dataIndex: 'itemName', key: 'itemName' },
  { title: '采购需求概况', dataIndex: 'summary', key: 'summary', width: 360 },
  {
    title: '预算金额（元）',
    dataIndex: 'amountFen',
    key: 'amountFen',
    align: 'right',
    render: (v: string) => formatYuan(v),
  },
  { title: '预计采购时间', dataIndex: 'expectedStartOn', key: 'expectedStartOn' },
  { title: '公开日期', dataIndex: 'publishedOn', key: 'publishedOn' },
];

/** 采购意向公开 (财库〔2020〕10号): the intentions as the server publishes them, newest first. */
export function IntentionsPage() {
  const list = usePagedList<typeof publicIntentionPage, Record<string, never>>(
    '/api/portal/intentions',
    publicIntentionPage,
    {},
  );
  return (
    <PortalLayout>
      <Card title="采购意向公开">
        <PagedTable
          list={list}
          columns={columns}
          rowKey={(r) =>
            `${r.publishedOn}-${r.purchaserName}-${r.itemName}-${r.expectedStartOn}-${r.amountFen}`
          }
          locale={{ emptyText: '暂无公开的采购意向' }}
        />
      </Card>
    </PortalLayout>
  );
}
