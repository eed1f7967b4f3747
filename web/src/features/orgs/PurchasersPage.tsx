import { Alert, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { purchaserPage } from '../../../../src/modules/orgs/contract.ts';
import { PURCHASER_LEVEL_LABELS } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { monospace } from '../../shared/format.ts';
import { optionsOf, orgStatusLabels, statusColors } from '../../shared/labels.ts';
import { usePagedList } from '../../shared/usePagedList.ts';
import type { PurchaserView } from './api.ts';

const dash = (v: string | null) => v ?? '—';

const columns: TableColumnsType<PurchaserView> = [
  { title: '单位名称', dataIndex: 'name', key: 'name' },
  { title: '级别', dataIndex: 'levelLabel', key: 'level' },
  { title: '上级单位', dataIndex: 'parentName', key: 'parentName', render: dash },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    key: 'creditCode',
    render: (v: string | null) => <span style={monospace}>{dash(v)}</span>,
  },
  { title: '行政区划', dataIndex: 'regionCode', key: 'regionCode' },
  { title: '联系人', dataIndex: 'contactName', key: 'contactName', render: dash },
  { title: '联系电话', dataIndex: 'contactPhone', key: 'contactPhone', render: dash },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    render: (v: PurchaserView['status']) => <Tag color={statusColors[v]}>{orgStatusLabels[v]}</Tag>,
  },
];

type PurchaserFilters = { q: string | undefined; level: string | undefined };

export function PurchasersPage() {
  const { query, setFilter, pagination } = usePagedList<typeof purchaserPage, PurchaserFilters>(
    '/api/purchasers',
    purchaserPage,
    { q: undefined, level: undefined },
  );

  return (
    <Card title="采购单位">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="单位名称"
          allowClear
          style={{ width: 240 }}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
        />
        <Select
          placeholder="全部级别"
          allowClear
          style={{ width: 140 }}
          options={optionsOf(PURCHASER_LEVEL_LABELS)}
          onChange={(value: string | undefined) => setFilter('level', value)}
        />
      </Space>
      {query.isError && (
        <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<PurchaserView>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items}
        loading={query.isFetching}
        pagination={pagination(query.data?.total)}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
