import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ApiError, errorMessage } from '../../../api.ts';
import { AcceptanceTab } from './AcceptanceTab.tsx';
import { fetchPerformance, performanceKey, type PerformanceView } from './api.ts';
import { Yuan } from './common.tsx';
import { IssuesTab } from './IssuesTab.tsx';
import { MilestonesTab } from './MilestonesTab.tsx';
import { SavingsTab } from './SavingsTab.tsx';
import { SettlementTab } from './SettlementTab.tsx';

const STATUS_COLORS: Record<string, string> = {
  signed: 'processing',
  accepted: 'warning',
  completed: 'success',
};

function Summary({ view }: { view: PerformanceView }) {
  const c = view.contract;
  return (
    <Descriptions
      size="small"
      column={3}
      items={[
        {
          key: 'status',
          label: '履约状态',
          children: (
            <Tag color={STATUS_COLORS[c.status] ?? 'default'} data-testid="performance-status">
              {c.statusLabel}
            </Tag>
          ),
        },
        { key: 'amount', label: '合同金额', children: <Yuan fen={c.amountFen} /> },
        { key: 'signed', label: '签订日期', children: c.signedOn ?? '—' },
        { key: 'supplier', label: '供应商', children: `${c.supplierName}${c.sme ? '（中小企业）' : ''}` },
        { key: 'period', label: '履约期限', children: c.performancePeriod ?? '—' },
        { key: 'place', label: '交付地点', children: c.deliveryPlace ?? '—' },
      ]}
    />
  );
}

/**
 * 履约监管 of one signed contract, mounted on the contract's detail page: the plan and its milestones, issues, the
 * acceptance, invoices and payments with the payment clock, and the savings. Each tab offers the forms the caller's
 * abilities on this contract allow; a contract not yet signed shows nothing.
 */
export function ContractPerformance({ contractId }: { contractId: string }) {
  const q = useQuery({
    queryKey: performanceKey(contractId),
    queryFn: () => fetchPerformance(contractId),
    retry: false,
  });
  if (q.isPending) return <Spin />;
  if (q.isError) {
    // Not signed yet (or not visible): performance starts at signing.
    if (q.error instanceof ApiError && q.error.status === 404)
      return (
        <Card title="履约监管" size="small">
          <Typography.Text type="secondary">
            合同签订后，在此设置履约计划、记录履约问题、验收和付款。
          </Typography.Text>
        </Card>
      );
    return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  }
  const v = q.data;
  const lateMilestones = v.milestones.filter((m) => m.late && m.reportedOn === null).length;
  const openIssues = v.issues.filter((i) => i.status !== 'closed').length;
  return (
    <Card title="履约监管" size="small" data-testid="contract-performance">
      <Space direction="vertical" style={{ width: '100%' }}>
        {v.suspension.suspended && (
          <Alert
            type="warning"
            showIcon
            title="合同中止履行（政府采购法实施条例第五十四条）"
            description={v.suspension.reasons.join('；')}
          />
        )}
        <Summary view={v} />
        <Tabs
          items={[
            {
              key: 'plan',
              label: (
                <Badge count={lateMilestones} size="small" offset={[8, 0]}>
                  履约计划
                </Badge>
              ),
              children: <MilestonesTab view={v} />,
            },
            {
              key: 'issues',
              label: (
                <Badge count={openIssues} size="small" offset={[8, 0]} color="orange">
                  履约问题
                </Badge>
              ),
              children: <IssuesTab view={v} />,
            },
            { key: 'acceptance', label: '验收', children: <AcceptanceTab view={v} /> },
            {
              key: 'settlement',
              label: (
                <Badge dot={v.settlement.late} offset={[6, 0]}>
                  发票与付款
                </Badge>
              ),
              children: <SettlementTab view={v} />,
            },
            { key: 'savings', label: '节约资金', children: <SavingsTab view={v} /> },
          ]}
        />
      </Space>
    </Card>
  );
}
