import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { intermediaryPage } from '../../../../src/modules/orgs/intermediaries/contract.ts';
import { monospace } from '../../shared/format.ts';
import {
  INTERMEDIARY_STATUS_LABELS,
  intermediaryReviewBody,
} from '../../../../src/modules/orgs/intermediaries/contract.ts';
import { optionsOf, statusColors } from '../../shared/labels.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { intermediariesPath, reviewIntermediary, type IntermediaryView } from './api.ts';
import { ReviewModal } from './ReviewModal.tsx';
import { serviceCategoryOptions } from './serviceCategories.ts';

type Filters = { q: string | undefined; status: string | undefined; category: string | undefined };

export const intermediaryColumns: TableColumnsType<IntermediaryView> = [
  { title: '机构名称', dataIndex: 'name', key: 'name' },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    key: 'creditCode',
    render: (v: string) => <span style={monospace}>{v}</span>,
  },
  {
    title: '服务类别',
    dataIndex: 'serviceCategories',
    key: 'categories',
    render: (v: IntermediaryView['serviceCategories']) => (
      <Space wrap size={4}>
        {v.map((c) => (
          <Tag key={c.code} color="blue">
            {c.label}
          </Tag>
        ))}
      </Space>
    ),
  },
  { title: '法定代表人', dataIndex: 'legalRepresentative', key: 'legalRepresentative' },
  { title: '联系人', dataIndex: 'contactName', key: 'contactName', render: (v: string | null) => v ?? '—' },
  {
    title: '联系电话',
    dataIndex: 'contactPhone',
    key: 'contactPhone',
    render: (v: string | null) => v ?? '—',
  },
  {
    title: '资质证书',
    dataIndex: 'qualifications',
    key: 'qualifications',
    render: (v: IntermediaryView['qualifications']) =>
      v.length === 0 ? '—' : v.map((q) => `${q.name}${q.expired ? '（已过期）' : ''}`).join('；'),
  },
];

export function IntermediariesPage() {
  const queryClient = useQueryClient();
  const [reviewing, setReviewing] = useState<IntermediaryView | null>(null);
  const list = usePagedList<typeof intermediaryPage, Filters>(intermediariesPath, intermediaryPage, {
    q: undefined,
    status: undefined,
    category: undefined,
  });

  const columns: TableColumnsType<IntermediaryView> = [
    ...intermediaryColumns,
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      render: (v: IntermediaryView['status'], r) => <Tag color={statusColors[v]}>{r.statusLabel}</Tag>,
    },
    { title: '审核意见', dataIndex: 'reviewNote', key: 'reviewNote', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, r) =>
        r.abilities.includes('review') && (
          <Button size="small" type="link" onClick={() => setReviewing(r)}>
            审核
          </Button>
        ),
    },
  ];

  return (
    <Card title="中介机构">
      <PagedTable
        list={list}
        columns={columns}
        filters={
          <>
            <SearchFilter placeholder="机构名称" width={240} onSearch={(v) => list.setFilter('q', v)} />
            <Segmented<string>
              value={list.filters.status ?? ''}
              options={[{ value: '', label: '全部' }, ...optionsOf(INTERMEDIARY_STATUS_LABELS)]}
              onChange={(v) => list.setFilter('status', v || undefined)}
            />
            <SelectFilter
              placeholder="全部服务类别"
              width={180}
              options={serviceCategoryOptions}
              onChange={(v) => list.setFilter('category', v)}
            />
          </>
        }
      />
      <ReviewModal
        title={`审核中介机构：${reviewing?.name ?? ''}`}
        schema={intermediaryReviewBody}
        open={reviewing !== null}
        onClose={() => setReviewing(null)}
        submit={(body) => reviewIntermediary(reviewing?.id ?? '', body)}
        onDone={() => {
          setReviewing(null);
          void queryClient.invalidateQueries({ queryKey: [intermediariesPath] });
        }}
      />
    </Card>
  );
}
