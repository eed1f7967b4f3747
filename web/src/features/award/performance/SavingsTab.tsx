import { Descriptions, Space, Typography } from 'antd';
import type { PerformanceView, SavingsView } from './api.ts';
import { Yuan } from './common.tsx';

const MEASURED = {
  paid: '按实际支付金额计算',
  contract: '尚未付清，按合同金额计算',
  mixed: '部分合同已付清：已付清的按实际支付、其余按合同金额计算',
} as const;

function SavingsBlock({ title, s }: { title: string; s: SavingsView }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      title={title}
      items={[
        { key: 'budget', label: '采购预算', children: <Yuan fen={s.budgetFen} /> },
        { key: 'contract', label: '合同金额', children: <Yuan fen={s.contractFen} /> },
        { key: 'paid', label: '实际支付', children: <Yuan fen={s.paidFen} /> },
        { key: 'savings', label: '节约资金', children: <Yuan fen={s.savingsFen} /> },
        { key: 'rate', label: '资金节约率', children: s.savingsRateText },
        { key: 'measured', label: '口径', children: MEASURED[s.measuredAgainst] },
      ]}
    />
  );
}

/** 节约资金 = 采购预算 − 实际支付（付清前：合同金额）；资金节约率 = 节约资金 ÷ 采购预算. */
export function SavingsTab({ view }: { view: PerformanceView }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="savings">
      <SavingsBlock title="本合同" s={view.savings.contract} />
      <SavingsBlock title={`第 ${view.savings.lot.lotNo} 包（全部合同）`} s={view.savings.lot} />
      <Typography.Text type="secondary">
        节约资金 = 采购预算 − 实际支付采购金额（合同付清前按合同金额）；资金节约率 = 节约资金 ÷
        采购预算，保留两位小数。
      </Typography.Text>
    </Space>
  );
}
