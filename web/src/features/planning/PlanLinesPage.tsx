import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { PLAN_LINE_STATUS_LABELS, planLinePage } from '../../../../src/modules/planning/contract.ts';
import { errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { categoryLabels, labelOf, optionsOf, planStatusColors } from '../../shared/labels.ts';
import { formatYuan } from '../../shared/money.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { useSession } from '../auth/session.ts';
import { cancelPlanLine, planLinesPath, shanghaiToday, type PlanLineView } from './api.ts';
import { CommissionModal, CreatePlanLineModal, DecisionModal, IntentionModal } from './PlanLineModals.tsx';

type Filters = { year: string | undefined; status: string | undefined; q: string | undefined };

const dash = (v: string | null | undefined) => (v ? v : '—');

/** The intention and the commission of one line, shown when its row is expanded. */
function LineDetails({ line }: { line: PlanLineView }) {
  const i = line.intention;
  const c = line.commission;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-line-details">
      <Descriptions size="small" column={2} title="计划" bordered>
        <Descriptions.Item label="预算项目">{line.budgetItem}</Descriptions.Item>
        <Descriptions.Item label="数量">{dash(line.quantity)}</Descriptions.Item>
        <Descriptions.Item label="说明" span={2}>
          {dash(line.description)}
        </Descriptions.Item>
      </Descriptions>
      {i && (
        <Descriptions size="small" column={2} title="采购意向" bordered>
          <Descriptions.Item label="采购需求概况" span={2}>
            {i.summary}
          </Descriptions.Item>
          <Descriptions.Item label="预计采购时间">{i.expectedStartOn}</Descriptions.Item>
          <Descriptions.Item label="公开日期">{i.publishedOn}</Descriptions.Item>
          {i.urgent && (
            <Descriptions.Item label="紧急原因" span={2}>
              {dash(i.urgentReason)}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {c && (
        <Descriptions size="small" column={2} title="委托" bordered>
          <Descriptions.Item label="委托时间">{formatTime(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="委托说明">{dash(c.note)}</Descriptions.Item>
          <Descriptions.Item label="处理时间">{formatTime(c.decidedAt)}</Descriptions.Item>
          <Descriptions.Item label="处理意见">{dash(c.decisionNote)}</Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}

export function PlanLinesPage() {
  const queryClient = useQueryClient();
  const session = useSession();
  const { message } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const [intending, setIntending] = useState<PlanLineView | null>(null);
  const [commissioning, setCommissioning] = useState<PlanLineView | null>(null);
  const [deciding, setDeciding] = useState<PlanLineView | null>(null);
  const list = usePagedList<typeof planLinePage, Filters>(planLinesPath, planLinePage, {
    year: undefined,
    status: undefined,
    q: undefined,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [planLinesPath] });
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const yearOptions = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
    value: String(y),
    label: `${y} 年`,
  }));

  const columns: TableColumnsType<PlanLineView> = [
    { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
    { title: '年度', dataIndex: 'year', key: 'year' },
    { title: '计划月份', dataIndex: 'plannedMonth', key: 'plannedMonth', render: (v: number) => `${v} 月` },
    { title: '预算项目', dataIndex: 'budgetItem', key: 'budgetItem' },
    { title: '品目', key: 'item', render: (_: unknown, r) => `${r.itemName}（${r.itemCode}）` },
    {
      title: '类别',
      dataIndex: 'category',
      key: 'category',
      render: (v: string) => labelOf(categoryLabels, v),
    },
    {
      title: '预算金额（元）',
      dataIndex: 'amountFen',
      key: 'amountFen',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      render: (v: string, r) => (
        <Tag color={planStatusColors[v]} data-testid="plan-line-status">
          {r.statusLabel}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          {r.abilities.includes('publishIntention') && (
            <Button size="small" type="link" onClick={() => setIntending(r)}>
              公开意向
            </Button>
          )}
          {r.abilities.includes('commission') && (
            <Button size="small" type="link" onClick={() => setCommissioning(r)}>
              委托中心
            </Button>
          )}
          {r.abilities.includes('decide') && (
            <Button size="small" type="link" onClick={() => setDeciding(r)}>
              受理/退回
            </Button>
          )}
          {r.abilities.includes('cancel') && (
            <Popconfirm
              title="撤销该采购计划？"
              description="撤销后不能恢复。"
              okText="撤销"
              cancelText="取消"
              onConfirm={() => {
                void cancelPlanLine(r.id).then(
                  refresh,
                  (err: unknown) => void message.error(errorMessage(err)),
                );
              }}
            >
              <Button size="small" type="link" danger>
                撤销
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="采购计划"
      extra={
        list.query.data?.abilities.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增计划
          </Button>
        )
      }
    >
      <PagedTable
        list={list}
        columns={columns}
        expandable={{ expandedRowRender: (r) => <LineDetails line={r} /> }}
        filters={
          <>
            <SearchFilter
              placeholder="品目名称或预算项目"
              width={240}
              onSearch={(v) => list.setFilter('q', v)}
            />
            <SelectFilter
              placeholder="全部年度"
              width={120}
              options={yearOptions}
              onChange={(v) => list.setFilter('year', v)}
            />
            <SelectFilter
              placeholder="全部状态"
              width={140}
              options={optionsOf(PLAN_LINE_STATUS_LABELS)}
              onChange={(v) => list.setFilter('status', v)}
            />
          </>
        }
      />
      <CreatePlanLineModal
        open={creating}
        pickUnit={!session.data?.user?.purchaserId}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          refresh();
        }}
      />
      <IntentionModal
        line={intending}
        onClose={() => setIntending(null)}
        onDone={() => {
          setIntending(null);
          refresh();
        }}
      />
      <CommissionModal
        line={commissioning}
        onClose={() => setCommissioning(null)}
        onDone={() => {
          setCommissioning(null);
          refresh();
        }}
      />
      <DecisionModal
        line={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          refresh();
        }}
      />
    </Card>
  );
}
