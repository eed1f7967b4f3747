import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { refundBody } from '../../../../src/modules/bidding/contract.ts';
import { errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatYuan } from '../../shared/money.ts';
import { confirmDeposit, depositsKey, fetchDeposits, refundDeposit, type DepositView } from './api.ts';

export const depositStatusColors: Record<DepositView['status'], string> = {
  recorded: 'gold',
  confirmed: 'green',
  refundDue: 'orange',
  refunded: 'default',
};

/** Today in Beijing, `YYYY-MM-DD`: refunds are dated by the legal calendar. */
const beijingToday = (): string => formatTime(new Date().toISOString()).slice(0, 10);

function RefundDialog({ deposit, onClose }: { deposit: DepositView; onClose: () => void }) {
  const [form] = Form.useForm<{ refundedOn: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const refund = useMutation({
    mutationFn: (refundedOn: string) => refundDeposit(deposit.id, { refundedOn }),
    onSuccess: () => {
      void message.success('已登记退还');
      void queryClient.invalidateQueries({ queryKey: depositsKey(deposit.projectId) });
      onClose();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Modal
      open
      title={`登记退还：${deposit.supplierName}`}
      okText="登记退还"
      confirmLoading={refund.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {deposit.formLabel} {formatYuan(deposit.amountFen)} 元
        {deposit.refundDueOn ? `，应于 ${deposit.refundDueOn} 前退还` : ''}。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ refundedOn: beijingToday() }}
        onFinish={(v) => refund.mutate(v.refundedOn.trim())}
      >
        <Form.Item
          label="退还日期"
          name="refundedOn"
          rules={[zodRule(refundBody.shape.refundedOn)]}
          extra="YYYY-MM-DD，不晚于今天"
        >
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Actions({ deposit, onRefund }: { deposit: DepositView; onRefund: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const confirm = useMutation({
    mutationFn: () => confirmDeposit(deposit.id),
    onSuccess: () => {
      void message.success('已确认到账');
      void queryClient.invalidateQueries({ queryKey: depositsKey(deposit.projectId) });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Space>
      {deposit.abilities.includes('confirm') && (
        <Popconfirm
          title="确认保证金已到账？"
          description={`${deposit.supplierName}：${deposit.formLabel} ${formatYuan(deposit.amountFen)} 元`}
          okText="确认到账"
          onConfirm={() => confirm.mutate()}
        >
          <Button size="small" type="primary" loading={confirm.isPending}>
            确认到账
          </Button>
        </Popconfirm>
      )}
      {deposit.abilities.includes('refund') && (
        <Button size="small" onClick={onRefund}>
          登记退还
        </Button>
      )}
    </Space>
  );
}

/** Every bidder's deposit on a project, for the centre (confirm, refund) and the supervisors (read). */
export function DepositsTable({ projectId }: { projectId: string }) {
  const query = useQuery({ queryKey: depositsKey(projectId), queryFn: () => fetchDeposits(projectId) });
  const [refunding, setRefunding] = useState<DepositView | null>(null);
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  const flagged = query.data?.items.filter((d) => d.sharedAccountWith.length > 0).length ?? 0;
  return (
    <>
      {flagged > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="deposit-shared-account"
          title={`${flagged} 家投标人的保证金从同一账户缴纳`}
          description="不同投标人的投标保证金从同一单位或者个人的账户转出的，视为投标人相互串通投标（《政府采购货物和服务招标投标管理办法》第三十七条），请核实。"
        />
      )}
      <Table<DepositView>
        rowKey="id"
        size="small"
        loading={query.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={query.data?.items ?? []}
        data-testid="deposits-table"
        locale={{ emptyText: '尚无投标人登记保证金' }}
        columns={[
          { title: '投标人', dataIndex: 'supplierName', key: 'supplier' },
          { title: '形式', dataIndex: 'formLabel', key: 'form' },
          {
            title: '金额（元）',
            key: 'amount',
            align: 'right',
            render: (_: unknown, d) => formatYuan(d.amountFen),
          },
          {
            title: '付款单位 / 账号',
            key: 'payer',
            render: (_: unknown, d) => (
              <Space orientation="vertical" size={0}>
                <span>{d.payerName}</span>
                {d.payerAccount && <Typography.Text type="secondary">{d.payerAccount}</Typography.Text>}
                {d.sharedAccountWith.length > 0 && (
                  <Tooltip title={`与${d.sharedAccountWith.join('、')}同一付款账户`}>
                    <Tag color="red" data-testid="deposit-shared-flag">
                      同一账户：{d.sharedAccountWith.join('、')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: '编号', key: 'no', render: (_: unknown, d) => d.guaranteeNo ?? '—' },
          {
            title: '状态',
            key: 'status',
            render: (_: unknown, d) => (
              <Space size={4}>
                <Tag color={depositStatusColors[d.status]} data-testid="deposit-row-status">
                  {d.statusLabel}
                </Tag>
                {d.overdue && <Tag color="red">逾期</Tag>}
              </Space>
            ),
          },
          { title: '登记时间', key: 'recordedAt', render: (_: unknown, d) => formatTime(d.recordedAt) },
          {
            title: '退还',
            key: 'refund',
            render: (_: unknown, d) =>
              d.refundedOn ? `已于 ${d.refundedOn} 退还` : d.refundDueOn ? `${d.refundDueOn} 前` : '—',
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, d) => <Actions deposit={d} onRefund={() => setRefunding(d)} />,
          },
        ]}
      />
      {refunding && <RefundDialog deposit={refunding} onClose={() => setRefunding(null)} />}
    </>
  );
}
