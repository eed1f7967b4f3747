import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { purchaserPage } from '../../../../src/modules/orgs/contract.ts';
import { PURCHASER_LEVEL_LABELS } from '../../../../src/modules/orgs/contract.ts';
import { monospace } from '../../shared/format.ts';
import { optionsOf, orgStatusLabels, statusColors } from '../../shared/labels.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { purchasersKey, type PurchaserView } from './api.ts';
import { PurchaserFormModal } from './PurchaserFormModal.tsx';

const dash = (v: string | null) => v ?? '—';

const columns: TableColumnsType<PurchaserView> = [
  {
    title: '单位名称',
    dataIndex: 'name',
    key: 'name',
    render: (v: string, p: PurchaserView) => <Link to={`/app/purchasers/${p.id}`}>{v}</Link>,
  },
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
  const list = usePagedList<typeof purchaserPage, PurchaserFilters>('/api/purchasers', purchaserPage, {
    q: undefined,
    level: undefined,
  });
  const [adding, setAdding] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  return (
    <Card
      title="采购单位"
      extra={
        list.query.data?.abilities.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增单位
          </Button>
        )
      }
    >
      <PurchaserFormModal
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={(saved) => {
          setAdding(false);
          void queryClient.invalidateQueries({ queryKey: purchasersKey });
          void navigate(`/app/purchasers/${saved.id}`);
        }}
      />
      <PagedTable
        list={list}
        columns={columns}
        filters={
          <>
            <SearchFilter placeholder="单位名称" width={240} onSearch={(v) => list.setFilter('q', v)} />
            <SelectFilter
              placeholder="全部级别"
              width={140}
              options={optionsOf(PURCHASER_LEVEL_LABELS)}
              onChange={(v) => list.setFilter('level', v)}
            />
          </>
        }
      />
    </Card>
  );
}
