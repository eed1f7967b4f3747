import { Alert, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { formatYuan, yuanToFen } from '../../../shared/money.ts';
import type { PerformanceView } from './api.ts';
import { ActionForm, DueDay, LateTag, Yuan } from './common.tsx';

type Invoice = PerformanceView['invoices'][number];
type Payment = PerformanceView['payments'][number];

const amountRule = {
  validator: (_: unknown, v: string | undefined) =>
    v && yuanToFen(v) && yuanToFen(v) !== '0'
      ? Promise.resolve()
      : Promise.reject(new Error('请填写金额（元，最多两位小数）')),
};

/** 发票与付款: the payment clock with its basis, invoices, payments, late flags. */
export function SettlementTab({ view }: { view: PerformanceView }) {
  const contractId = view.contract.id;
  const s = view.settlement;
  const invoiceOptions = view.invoices
    .filter((i) => i.status === 'received')
    .map((i) => ({ value: i.id, label: `${i.number}（${formatYuan(i.amountFen)} 元）` }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'payable', label: '应付金额（含补充合同）', children: <Yuan fen={s.payableFen} /> },
          { key: 'paid', label: '已付金额', children: <Yuan fen={s.paidFen} /> },
          { key: 'outstanding', label: '未付金额', children: <Yuan fen={s.outstandingFen} /> },
          {
            key: 'due',
            label: '付款期限',
            children: s.due ? (
              <Space size={4}>
                <DueDay dueOn={s.due.dueOn} summary={s.due.summary} rule={s.due.rule} />
                {s.due.capped && <Tag color="warning">约定期限超过上限，按上限计</Tag>}
                <LateTag late={s.late} daysLate={s.daysLate} />
                {s.fullyPaid && <Tag color="success">已付清</Tag>}
              </Space>
            ) : (
              <Typography.Text type="secondary">{s.dueNote ?? '—'}</Typography.Text>
            ),
          },
        ]}
      />
      {s.due && (
        <Alert type={s.late ? 'error' : 'info'} showIcon title={s.due.summary} description={s.due.rule} />
      )}
      <Space>
        {view.abilities.includes('recordInvoice') && (
          <ActionForm<{ number: string; amount: string; issuedOn: string; receivedOn: string }>
            contractId={contractId}
            label={view.abilities.includes('recordPayment') ? '登记收票' : '提交发票'}
            title="发票"
            testId="record-invoice"
            button={{ size: 'middle' }}
            initialValues={{ receivedOn: view.today }}
            toAction={(v) => ({
              kind: 'invoice',
              body: {
                number: v.number,
                amountFen: yuanToFen(v.amount) ?? '',
                issuedOn: v.issuedOn,
                receivedOn: v.receivedOn,
                fileId: null,
              },
            })}
          >
            {() => (
              <>
                <Form.Item
                  name="number"
                  label="发票号码"
                  rules={[{ required: true, message: '请填写发票号码' }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item name="amount" label="金额（元）" rules={[amountRule]}>
                  <Input />
                </Form.Item>
                <Form.Item name="issuedOn" label="开票日期" rules={[{ required: true }]}>
                  <Input type="date" />
                </Form.Item>
                <Form.Item name="receivedOn" label="采购人收票日期" rules={[{ required: true }]}>
                  <Input type="date" max={view.today} />
                </Form.Item>
              </>
            )}
          </ActionForm>
        )}
        {view.abilities.includes('recordPayment') && (
          <ActionForm<{ amount: string; paidOn: string; reference: string; invoiceId?: string }>
            contractId={contractId}
            label="登记付款"
            title="登记付款（累计不得超过应付金额）"
            testId="record-payment"
            button={{ type: 'primary', size: 'middle' }}
            initialValues={{ paidOn: view.today }}
            toAction={(v) => ({
              kind: 'payment',
              body: {
                amountFen: yuanToFen(v.amount) ?? '',
                paidOn: v.paidOn,
                reference: v.reference,
                invoiceId: v.invoiceId ?? null,
              },
            })}
          >
            {() => (
              <>
                <Form.Item name="amount" label="金额（元）" rules={[amountRule]}>
                  <Input />
                </Form.Item>
                <Form.Item name="paidOn" label="支付日期" rules={[{ required: true }]}>
                  <Input type="date" max={view.today} />
                </Form.Item>
                <Form.Item
                  name="reference"
                  label="支付凭证号"
                  rules={[{ required: true, message: '请填写支付凭证号' }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="invoiceId" label="对应发票">
                  <Select allowClear options={invoiceOptions} />
                </Form.Item>
              </>
            )}
          </ActionForm>
        )}
      </Space>
      <Typography.Title level={5}>发票</Typography.Title>
      <Table<Invoice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.invoices}
        data-testid="invoices"
        locale={{ emptyText: '没有发票' }}
        columns={[
          { title: '发票号码', dataIndex: 'number' },
          { title: '金额', render: (_, i) => <Yuan fen={i.amountFen} /> },
          { title: '开票日期', dataIndex: 'issuedOn' },
          { title: '收票日期', dataIndex: 'receivedOn' },
          { title: '付款期限', render: (_, i) => i.dueOn ?? '验收合格后起算' },
          { title: '已付', render: (_, i) => <Yuan fen={i.paidFen} /> },
          {
            title: '状态',
            render: (_, i) => (
              <Tag
                color={i.status === 'paid' ? 'success' : i.status === 'rejected' ? 'default' : 'processing'}
              >
                {i.status === 'paid' ? '已付款' : i.status === 'rejected' ? '已退回' : '已收票'}
              </Tag>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>付款</Typography.Title>
      <Table<Payment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.payments}
        data-testid="payments"
        locale={{ emptyText: '没有付款记录' }}
        columns={[
          { title: '支付日期', dataIndex: 'paidOn' },
          { title: '金额', render: (_, p) => <Yuan fen={p.amountFen} /> },
          { title: '凭证号', dataIndex: 'reference' },
          {
            title: '发票',
            render: (_, p) => view.invoices.find((i) => i.id === p.invoiceId)?.number ?? '—',
          },
          { title: '付款期限', render: (_, p) => p.dueOn ?? '（验收前付款）' },
          { title: '逾期', render: (_, p) => <LateTag late={p.late} daysLate={p.daysLate} /> },
        ]}
      />
    </Space>
  );
}
