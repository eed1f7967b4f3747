import { BarChartOutlined } from '@ant-design/icons';
import { Button, Card, Tag, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import {
  EXPERT_STATUS_LABELS,
  expertPage,
  TITLE_LEVEL_LABELS,
} from '../../../../src/modules/orgs/experts/contract.ts';
import { monospace } from '../../shared/format.ts';
import { optionsOf, statusColors } from '../../shared/labels.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { can, useSession } from '../auth/session.ts';
import type { ExpertView } from '../orgs/api.ts';
import { SpecialtyTags } from './ExpertRecord.tsx';
import { SpecialtyTreeSelect } from './SpecialtyTreeSelect.tsx';

const columns: TableColumnsType<ExpertView> = [
  {
    title: '姓名',
    dataIndex: 'name',
    key: 'name',
    render: (v: string, e) => <Link to={`/app/experts/${e.id}`}>{v}</Link>,
  },
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
    render: (_, e) => `${e.titleName}（${TITLE_LEVEL_LABELS[e.titleLevel]}）`,
  },
  { title: '从业年限', dataIndex: 'years', key: 'years', render: (v: number) => `${v} 年` },
  { title: '工作单位', dataIndex: 'employer', key: 'employer' },
  {
    title: '评审专业',
    key: 'specialties',
    render: (_, e) => <SpecialtyTags specialties={e.specialties} />,
  },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    render: (v: ExpertView['status'], e) => (
      <>
        <Tag color={statusColors[v]}>{EXPERT_STATUS_LABELS[v]}</Tag>
        {e.onLeave && <Tag color="blue">今日请假</Tag>}
      </>
    ),
  },
];

type ExpertFilters = {
  q: string | undefined;
  specialty: string | undefined;
  status: string | undefined;
  onLeave: string | undefined;
};

export function ExpertsPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const initialSpecialty = params.get('specialty') ?? undefined;
  const list = usePagedList<typeof expertPage, ExpertFilters>('/api/experts', expertPage, {
    q: undefined,
    specialty: initialSpecialty,
    status: undefined,
    onLeave: undefined,
  });

  return (
    <Card
      title="评审专家"
      extra={
        can(session.data?.abilities, 'expert', 'coverage') && (
          <Link to="/app/experts/coverage">
            <Button icon={<BarChartOutlined />}>专家库覆盖分析</Button>
          </Link>
        )
      }
    >
      <PagedTable
        list={list}
        columns={columns}
        filters={
          <>
            <SearchFilter
              placeholder="专家姓名或工作单位"
              width={240}
              onSearch={(v) => list.setFilter('q', v)}
            />
            <SpecialtyTreeSelect
              placeholder="评审专业（含下级专业）"
              aria-label="评审专业"
              allowClear
              style={{ width: 240 }}
              defaultValue={initialSpecialty}
              onChange={(v?: string) => list.setFilter('specialty', v || undefined)}
            />
            <SelectFilter
              placeholder="状态"
              width={140}
              options={optionsOf(EXPERT_STATUS_LABELS)}
              onChange={(v) => list.setFilter('status', v)}
            />
            <SelectFilter
              placeholder="今日请假"
              width={160}
              options={[
                { value: 'false', label: '今日可抽取' },
                { value: 'true', label: '今日请假' },
              ]}
              onChange={(v) => list.setFilter('onLeave', v)}
            />
          </>
        }
      />
    </Card>
  );
}
