import { Card, Segmented, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { supplierPage } from '../../../../src/modules/orgs/contract.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { SUPPLIER_STATUS_LABELS } from '../../../../src/modules/orgs/suppliers/contract.ts';
import { optionsOf, statusColors } from '../../shared/labels.ts';
import { PagedTable, SearchFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import type { SupplierView } from './api.ts';

const dash = (v: string | null) => v ?? '—';

const columns: TableColumnsType<SupplierView> = [
  {
    title: '供应商名称',
    dataIndex: 'name',
    key: 'name',
    render: (v: string, s: SupplierView) => <Link to={`/app/suppliers/${s.id}`}>{v}</Link>,
  },
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
    render: (v: SupplierView['status']) => <Tag color={statusColors[v]}>{SUPPLIER_STATUS_LABELS[v]}</Tag>,
  },
  { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatTime(v) },
];

type SupplierFilters = { q: string | undefined; status: string | undefined };

export function SuppliersPage() {
  const list = usePagedList<typeof supplierPage, SupplierFilters>('/api/suppliers', supplierPage, {
    q: undefined,
    status: undefined,
  });

  return (
    <Card title="供应商">
      <PagedTable
        list={list}
        columns={columns}
        filters={
          <>
            <SearchFilter placeholder="供应商名称" width={260} onSearch={(v) => list.setFilter('q', v)} />
            {/* All by default; 待审核 is one click away for the reviewers. */}
            <Segmented<string>
              data-testid="supplier-status-filter"
              value={list.filters.status ?? ''}
              options={[{ value: '', label: '全部' }, ...optionsOf(SUPPLIER_STATUS_LABELS)]}
              onChange={(v) => list.setFilter('status', v || undefined)}
            />
          </>
        }
      />
    </Card>
  );
}
