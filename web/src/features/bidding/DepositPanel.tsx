import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { depositBody, type depositForm } from '../../../../src/modules/bidding/contract.ts';
import { errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { applyServerErrors, parseForm } from '../../shared/forms.ts';
import { formatYuan, yuanToFen } from '../../shared/money.ts';
import { can, useSession } from '../auth/session.ts';
import type { ProjectView } from '../tendering/api.ts';
import {
  depositsKey,
  fetchDeposits,
  OPEN_FOR_BIDS,
  recordDeposit,
  type DepositBody,
  type DepositView,
} from './api.ts';
import { depositStatusColors, DepositsTable } from './DepositsTable.tsx';

type DepositForm = z.infer<typeof depositForm>;

/** The forms 条例第三十三条 allows (no cash), as the server names them. */
const FORM_LABELS: Record<DepositForm, string> = {
  transfer: '银行转账',
  bankGuarantee: '银行保函',
  insuranceGuarantee: '保证保险',
  guaranteeInstitution: '担保机构保函',
  cheque: '支票',
  draft: '汇票',
  promissoryNote: '本票',
};

const GUARANTEES: DepositForm[] = ['bankGuarantee', 'insuranceGuarantee', 'guaranteeInstitution'];

/** What the number and the institution are called in each form. */
function wording(form: DepositForm): { number: string; bank: string } {
  if (form === 'transfer') return { number: '', bank: '开户银行' };
  if (form === 'insuranceGuarantee') return { number: '保单号', bank: '承保机构' };
  if (GUARANTEES.includes(form)) return { number: '保函编号', bank: '出具机构' };
  return { number: '票据号码', bank: '出票银行' };
}

interface DepositValues {
  form: DepositForm;
  /** 元 as typed; sent as fen. */
  amountFen: string;
  payerName?: string;
  payerAccount?: string;
  payerBank?: string;
  guaranteeNo?: string;
}
const FIELDS = ['form', 'amountFen', 'payerName', 'payerAccount', 'payerBank', 'guaranteeNo'] as const;
const blank = (s: string | undefined): string | null => (s?.trim() ? s.trim() : null);

function DepositRecordForm({
  project,
  requiredFen,
  current,
  onDone,
}: {
  project: ProjectView;
  requiredFen: string;
  current: DepositView | undefined;
  onDone: () => void;
}) {
  const [form] = Form.useForm<DepositValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const chosen = Form.useWatch('form', form) ?? current?.form ?? 'transfer';
  const words = wording(chosen);
  const save = useMutation({
    mutationFn: (body: DepositBody) => recordDeposit(project.id, body),
    onSuccess: () => {
      void message.success('投标保证金已登记，待采购中心确认到账');
      void queryClient.invalidateQueries({ queryKey: depositsKey(project.id) });
      onDone();
    },
    onError: (error) => {
      if (!applyServerErrors(form, FIELDS, error)) void message.error(errorMessage(error));
    },
  });
  const onFinish = (v: DepositValues) => {
    const amountFen = yuanToFen(v.amountFen);
    if (amountFen === null)
      return form.setFields([{ name: 'amountFen', errors: ['请输入金额（元，最多两位小数）'] }]);
    const body = parseForm(form, FIELDS, depositBody, {
      form: v.form,
      amountFen,
      payerName: v.payerName?.trim() ?? '',
      payerAccount: blank(v.payerAccount),
      payerBank: blank(v.payerBank),
      guaranteeNo: v.form === 'transfer' ? null : blank(v.guaranteeNo),
    });
    if (body) save.mutate(body);
  };
  return (
    <Form<DepositValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      disabled={save.isPending}
      data-testid="deposit-form"
      initialValues={{
        form: current?.form ?? 'transfer',
        amountFen: formatYuan(current?.amountFen ?? requiredFen),
        payerName: current?.payerName,
        payerAccount: current?.payerAccount ?? undefined,
        payerBank: current?.payerBank ?? undefined,
        guaranteeNo: current?.guaranteeNo ?? undefined,
      }}
      onFinish={onFinish}
    >
      <Form.Item label="缴纳形式" name="form" required>
        <Radio.Group options={Object.entries(FORM_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item
        label="金额（元）"
        name="amountFen"
        required
        extra={`采购文件要求 ${formatYuan(requiredFen)} 元`}
      >
        <Input inputMode="decimal" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label="付款单位（户名）" name="payerName" required>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        label={chosen === 'transfer' ? '付款账号' : '付款账号（可选）'}
        name="payerAccount"
        required={chosen === 'transfer'}
        extra={chosen === 'transfer' ? '须从本单位基本存款账户转出' : undefined}
      >
        <Input maxLength={40} inputMode="numeric" />
      </Form.Item>
      <Form.Item label={`${words.bank}（可选）`} name="payerBank">
        <Input maxLength={100} />
      </Form.Item>
      {chosen !== 'transfer' && (
        <Form.Item label={words.number} name="guaranteeNo" required>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          登记保证金
        </Button>
        {current && <Button onClick={onDone}>取消</Button>}
      </Space>
    </Form>
  );
}

function DepositDetails({ deposit }: { deposit: DepositView }) {
  const words = wording(deposit.form);
  return (
    <Descriptions size="small" column={1} bordered data-testid="deposit-details">
      <Descriptions.Item label="状态">
        <Space>
          <Tag color={depositStatusColors[deposit.status]} data-testid="deposit-status">
            {deposit.statusLabel}
          </Tag>
          {deposit.overdue && <Tag color="red">逾期未退还</Tag>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="缴纳形式">{deposit.formLabel}</Descriptions.Item>
      <Descriptions.Item label="金额（元）">{formatYuan(deposit.amountFen)}</Descriptions.Item>
      <Descriptions.Item label="付款单位">{deposit.payerName}</Descriptions.Item>
      {deposit.payerAccount && <Descriptions.Item label="付款账号">{deposit.payerAccount}</Descriptions.Item>}
      {deposit.payerBank && <Descriptions.Item label={words.bank}>{deposit.payerBank}</Descriptions.Item>}
      {deposit.guaranteeNo && (
        <Descriptions.Item label={words.number}>{deposit.guaranteeNo}</Descriptions.Item>
      )}
      <Descriptions.Item label="登记时间">{formatTime(deposit.recordedAt)}</Descriptions.Item>
      {deposit.refundDueOn && <Descriptions.Item label="应退还期限">{deposit.refundDueOn}</Descriptions.Item>}
      {deposit.refundedOn && <Descriptions.Item label="退还日期">{deposit.refundedOn}</Descriptions.Item>}
    </Descriptions>
  );
}

/** The bidder's own deposit: recorded here, confirmed by the centre, refunded after what frees it. */
function SupplierDeposit({ project, requiredFen }: { project: ProjectView; requiredFen: string }) {
  const query = useQuery({ queryKey: depositsKey(project.id), queryFn: () => fetchDeposits(project.id) });
  const [editing, setEditing] = useState(false);
  const open = OPEN_FOR_BIDS.includes(project.status);
  if (query.isPending) return <Spin />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  const mine = query.data.items[0];
  if (!mine && !open) return <Typography.Text type="secondary">未登记投标保证金。</Typography.Text>;
  if (!mine || editing)
    return (
      <DepositRecordForm
        project={project}
        requiredFen={requiredFen}
        current={mine}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <DepositDetails deposit={mine} />
      {open && mine.status === 'recorded' && (
        <Button onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
          修改登记
        </Button>
      )}
    </Space>
  );
}

/**
 * 投标保证金 of a project that asks one: the supplier records its own; the centre and supervisors see every
 * bidder's, the centre confirms receipt and records refunds.
 */
export function DepositPanel({ project }: { project: ProjectView }) {
  const session = useSession();
  const abilities = session.data?.abilities;
  const requiredFen = project.requirements.depositFen;
  if (!requiredFen || requiredFen === '0') return null;
  const supplier = can(abilities, 'deposit', 'record');
  if (!supplier && !can(abilities, 'deposit', 'list')) return null;
  return (
    <Card size="small" title="投标保证金" data-testid="deposit-panel">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title={`本项目投标保证金 ${formatYuan(requiredFen)} 元`}
          description={
            supplier
              ? '请在投标截止前以转账、保函等非现金形式缴纳，并在此登记（须先报名）；采购中心确认到账后生效。撤回投标、未中标等情形下，保证金在五个工作日内退还。'
              : '投标人登记后，请核对到账情况后确认；应退还的保证金须在五个工作日内退还并登记。'
          }
        />
        {supplier ? (
          <SupplierDeposit project={project} requiredFen={requiredFen} />
        ) : (
          <DepositsTable projectId={project.id} />
        )}
      </Space>
    </Card>
  );
}
