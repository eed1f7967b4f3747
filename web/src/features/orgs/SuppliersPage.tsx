import { Alert, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { supplierPage } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { optionsOf, statusColors, supplierStatusLabels } from '../../shared/labels.ts';
import { usePagedList } from '../../shared/usePagedList.ts';
import type { SupplierView } from './api.ts';

const dash = (v: string | null) => v ?? '—';

const columns: TableColumnsType<SupplierView> = [
  { title: '供应商名称', dataIndex: 'name', key: 'name' },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    key: 'creditCode',
    render: (v: string) => <span style={monospace}>{v}</span>,
  },
  { title: '法定代表人', dataIndex: 'legalRepresentative', key: 'legalRepresentative' },
  { title: '企业规模', dataIndex: 'sizeLabel', key: 'size' },
  { title: '联系人', dataIndex: 'contactName', key: 'contactName', render: dash },
  { title: '联系电话', dataIndex: 'contactPhone', key: 'contactPhone', render: dash },
  {
    title: '审核状态',
    dataIndex: 'status',
    key: 'status',
    render: (v: SupplierView['status']) => <Tag color={statusColors[v]}>{supplierStatusLabels[v]}</Tag>,
  },
  { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatTime(v) },
];

type SupplierFilters = { q: string | undefined; status: string | undefined };

export function SuppliersPage() {
  const { query, setFilter, pagination } = usePagedList<typeof supplierPage, SupplierFilters>(
    '/api/suppliers',
    supplierPage,
    { q: undefined, status: undefined },
  );

  return (
    <Card title="供应商">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="供应商名称"
          allowClear
          style={{ width: 260 }}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
        />
        <Select
          placeholder="全部审核状态"
          allowClear
          style={{ width: 150 }}
          options={optionsOf(supplierStatusLabels)}
          onChange={(value: string | undefined) => setFilter('status', value)}
        />
      </Space>
      {query.isError && (
        <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<SupplierView>
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
