import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { projectPage } from '../../../../src/modules/tendering/contract.ts';
import { formatTime } from '../../shared/format.ts';
import { categoryLabels, labelOf, optionsOf } from '../../shared/labels.ts';
import { formatYuan } from '../../shared/money.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { can, useSession } from '../auth/session.ts';
import { shanghaiToday } from '../planning/api.ts';
import { projectsPath, projectStatusColors, projectStatusLabels, type ProjectSummary } from './api.ts';

type Filters = { status: string | undefined; year: string | undefined; q: string | undefined };

export function ProjectStatusTag({ status, label }: { status: string; label: string }) {
  return (
    <Tag color={projectStatusColors[status]} data-testid="project-status">
      {label}
    </Tag>
  );
}

export function ProjectsPage() {
  const navigate = useNavigate();
  const session = useSession();
  const list = usePagedList<typeof projectPage, Filters>(projectsPath, projectPage, {
    status: undefined,
    year: undefined,
    q: undefined,
  });
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const yearOptions = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
    value: String(y),
    label: `${y} 年`,
  }));

  const columns: TableColumnsType<ProjectSummary> = [
    { title: '项目编号', dataIndex: 'code', key: 'code' },
    {
      title: '项目名称',
      dataIndex: 'name',
      key: 'name',
      render: (v: string, r) => <Link to={`/app/projects/${r.id}`}>{v}</Link>,
    },
    {
      title: '采购单位',
      dataIndex: 'purchaserNames',
      key: 'purchaserNames',
      render: (v: string[]) => v.join('、'),
    },
    {
      title: '类别',
      dataIndex: 'category',
      key: 'category',
      render: (v: string) => labelOf(categoryLabels, v),
    },
    { title: '采购方式', dataIndex: 'methodLabel', key: 'methodLabel' },
    { title: '包数', dataIndex: 'lotCount', key: 'lotCount', align: 'right' },
    {
      title: '预算金额（元）',
      dataIndex: 'budgetFen',
      key: 'budgetFen',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    {
      title: '专项',
      dataIndex: 'programmeName',
      key: 'programmeName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '投标截止',
      dataIndex: 'bidDeadlineAt',
      key: 'bidDeadlineAt',
      render: (v: string | null) => (v ? formatTime(v) : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      render: (v: string, r) => <ProjectStatusTag status={v} label={r.statusLabel} />,
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button size="small" type="link" onClick={() => void navigate(`/app/projects/${r.id}`)}>
          {r.abilities.includes('edit') ? '办理' : '查看'}
        </Button>
      ),
    },
  ];

  const canCreate = list.query.data?.abilities.includes('create');
  return (
    <Card
      title="采购项目"
      extra={
        <Space>
          {can(session.data?.abilities, 'bundle', 'suggest') && (
            <Button icon={<AppstoreAddOutlined />} onClick={() => void navigate('/app/projects/bundles')}>
              打包建议
            </Button>
          )}
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/app/projects/new')}>
              新建项目
            </Button>
          )}
        </Space>
      }
    >
      <PagedTable
        list={list}
        columns={columns}
        locale={{ emptyText: '暂无采购项目' }}
        filters={
          <>
            <SearchFilter placeholder="项目名称或编号" width={240} onSearch={(v) => list.setFilter('q', v)} />
            <SelectFilter
              placeholder="全部年度"
              width={120}
              options={yearOptions}
              onChange={(v) => list.setFilter('year', v)}
            />
            <SelectFilter
              placeholder="全部状态"
              width={140}
              options={optionsOf(projectStatusLabels)}
              onChange={(v) => list.setFilter('status', v)}
            />
          </>
        }
      />
    </Card>
  );
}
