import { Card, Space, Tag, type TableColumnsType } from 'antd';
import { expertPage } from '../../../../src/modules/orgs/contract.ts';
import { monospace } from '../../shared/format.ts';
import { expertStatusLabels, statusColors, titleLevelLabels } from '../../shared/labels.ts';
import { PagedTable, SearchFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import type { ExpertView } from './api.ts';

const columns: TableColumnsType<ExpertView> = [
  { title: '姓名', dataIndex: 'name', key: 'name' },
  {
    title: '身份证号',
    dataIndex: 'idNumber',
    key: 'idNumber',
    render: (v: string) => <span style={monospace}>{v}</span>,
  },
  { title: '手机号', dataIndex: 'phone', key: 'phone' },
  {
    title: '职称',
    key: 'title',
    render: (_, e) => `${e.titleName}（${titleLevelLabels[e.titleLevel]}）`,
  },
  { title: '从业年限', dataIndex: 'years', key: 'years', render: (v: number) => `${v} 年` },
  { title: '工作单位', dataIndex: 'employer', key: 'employer' },
  {
    title: '评审专业',
    key: 'specialties',
    render: (_, e) => (
      <Space size={[0, 4]} wrap>
        {e.specialties.map((s) => (
          <Tag key={s.code} title={s.code}>
            {s.name}
          </Tag>
        ))}
      </Space>
    ),
  },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    render: (v: ExpertView['status']) => <Tag color={statusColors[v]}>{expertStatusLabels[v]}</Tag>,
  },
];

type ExpertFilters = { q: string | undefined; specialty: string | undefined };

export function ExpertsPage() {
  const list = usePagedList<typeof expertPage, ExpertFilters>('/api/experts', expertPage, {
    q: undefined,
    specialty: undefined,
  });

  return (
    <Card title="评审专家">
      <PagedTable
        list={list}
        columns={columns}
        filters={
          <>
            <SearchFilter placeholder="专家姓名" width={240} onSearch={(v) => list.setFilter('q', v)} />
            <SearchFilter
              placeholder="专业代码（含下级专业）"
              width={260}
              onSearch={(v) => list.setFilter('specialty', v)}
            />
          </>
        }
      />
    </Card>
  );
}
