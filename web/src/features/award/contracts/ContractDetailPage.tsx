import { DownloadOutlined, FileProtectOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { AMENDMENT_KIND_LABELS } from '../../../../../src/modules/award/contracts/contract.ts';
import { errorMessage } from '../../../api.ts';
import { formatTime } from '../../../shared/format.ts';
import { formatYuan, yuanToFen } from '../../../shared/money.ts';
// The performance part (milestones, issues, acceptance, invoices, payments) is another helper's; its slot is below.
import { ContractPerformance } from '../performance/ContractPerformance.tsx';
import {
  amendContract,
  contractKey,
  documentUrl,
  fetchContract,
  fetchExport,
  fetchMySigningKey,
  fileContract,
  publishContract,
  signInBrowser,
  signingErrorMessage,
  signingKeyKey,
  useContractMutation,
  type ContractView,
} from './api.ts';
import { ContractDocument } from './ContractDocument.tsx';
import { ContractStatusTag } from './ContractsPage.tsx';
import { CreateSigningKeyDialog } from './SigningKeyCard.tsx';

type Clock = ContractView['clocks']['signing'];

function ClockText({ clock }: { clock: Clock | null }) {
  if (!clock) return <Typography.Text type="secondary">签订后起算</Typography.Text>;
  return (
    <Tooltip title={`${clock.summary}。${clock.rule}`}>
      <Space size={4}>
        <span>{clock.doneOn ? `${clock.doneOn}（期限 ${clock.dueOn}）` : `不迟于 ${clock.dueOn}`}</span>
        {clock.late ? (
          <Tag color="error">{clock.doneOn ? '逾期完成' : '已逾期'}</Tag>
        ) : (
          clock.doneOn && <Tag color="success">按期</Tag>
        )}
      </Space>
    </Tooltip>
  );
}

/** 签署: a key is needed first (创建签名密钥); then the passphrase unwraps it here and the browser signs. */
function SignAction({ contract }: { contract: ContractView }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const open = contract.status === 'draft' || contract.status === 'signing';
  const keyQ = useQuery({
    queryKey: signingKeyKey,
    queryFn: fetchMySigningKey,
    enabled: open && contract.abilities.includes('sign'),
  });
  const [creating, setCreating] = useState(false);
  const [signing, setSigning] = useState(false);
  const [form] = Form.useForm<{ passphrase: string }>();
  const sign = useContractMutation(
    (passphrase: string) => signInBrowser(contract, passphrase),
    (after) => {
      qc.setQueryData(contractKey(contract.id), after);
      void message.success(after.status === 'signed' ? '合同已签订' : '已签署，等待对方签署');
      setSigning(false);
      form.resetFields();
    },
  );
  if (!open || !contract.abilities.includes('sign') || keyQ.isPending) return null;
  if (!keyQ.data?.key)
    return (
      <>
        <Button type="primary" icon={<FileProtectOutlined />} onClick={() => setCreating(true)}>
          签署
        </Button>
        <CreateSigningKeyDialog
          open={creating}
          replacing={false}
          onClose={() => setCreating(false)}
          onCreated={() => {
            void qc.invalidateQueries({ queryKey: contractKey(contract.id) });
            setSigning(true);
          }}
        />
      </>
    );
  if (!contract.mySigning) return null; // this party has signed
  return (
    <>
      <Button
        type="primary"
        icon={<FileProtectOutlined />}
        disabled={contract.suspension.suspended}
        onClick={() => setSigning(true)}
      >
        签署
      </Button>
      <Modal
        open={signing}
        title="签署合同"
        okText="签署"
        cancelText="取消"
        confirmLoading={sign.isPending}
        onCancel={() => {
          setSigning(false);
          sign.reset(); // a wrong passphrase's error is not shown again when the dialog reopens
        }}
        onOk={() => void form.validateFields().then((v) => sign.mutate(v.passphrase))}
        destroyOnHidden
      >
        <Typography.Paragraph>
          您将以{contract.mySigning.party === 'purchaser' ? '采购人' : '供应商'}身份签署合同 {contract.code}
          ，签署内容为合同文本摘要：
        </Typography.Paragraph>
        <Typography.Paragraph code copyable>
          {contract.documentHash}
        </Typography.Paragraph>
        <Typography.Paragraph>合同金额：{formatYuan(contract.amountFen)} 元</Typography.Paragraph>
        {sign.isError && <Alert type="error" showIcon title={signingErrorMessage(sign.error)} />}
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            label="签名口令"
            name="passphrase"
            rules={[{ required: true, message: '请输入签名口令' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function FilingAction({ contract }: { contract: ContractView }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ filingReference: string; filedOn?: { format: (f: string) => string } }>();
  const file = useContractMutation(
    (v: { filingReference: string; filedOn?: string }) => fileContract(contract.id, v),
    (after) => {
      qc.setQueryData(contractKey(contract.id), after);
      void message.success('已登记备案');
      setOpen(false);
    },
  );
  if (!contract.abilities.includes('file') || !contract.signedOn || contract.filedOn) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>登记备案</Button>
      <Modal
        open={open}
        title="登记合同备案"
        okText="登记"
        cancelText="取消"
        confirmLoading={file.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) =>
              file.mutate({ filingReference: v.filingReference, filedOn: v.filedOn?.format('YYYY-MM-DD') }),
            )
        }
        destroyOnHidden
      >
        {file.isError && <Alert type="error" showIcon title={errorMessage(file.error)} />}
        <Form form={form} layout="vertical">
          <Form.Item
            label="备案编号"
            name="filingReference"
            rules={[{ required: true, message: '请填写备案编号' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="备案日期" name="filedOn" extra="不填为今天">
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Amendments({ contract }: { contract: ContractView }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{
    kind: 'addOn' | 'change' | 'termination';
    amountYuan?: number;
    content: string;
    reason: string;
  }>();
  const amend = useContractMutation(
    (v: { kind: 'addOn' | 'change' | 'termination'; amountFen: string; content: string; reason: string }) =>
      amendContract(contract.id, v),
    (after) => {
      qc.setQueryData(contractKey(contract.id), after);
      void message.success('已记录');
      setOpen(false);
      form.resetFields();
    },
  );
  const kind = Form.useWatch('kind', form);
  const canAmend = contract.abilities.includes('amend') && contract.status !== 'terminated';
  return (
    <Card title="合同变更与补充" extra={canAmend && <Button onClick={() => setOpen(true)}>记录变更</Button>}>
      <Typography.Paragraph type="secondary">
        补充合同累计不得超过原合同金额的10%（政府采购法第四十九条），尚可追加{' '}
        {formatYuan(contract.addOnHeadroomFen)} 元；现合同金额 {formatYuan(contract.currentAmountFen)} 元。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={contract.amendments}
        locale={{ emptyText: '无变更' }}
        columns={[
          { title: '类型', dataIndex: 'kindLabel' },
          {
            title: '金额（元）',
            align: 'right',
            render: (_, a) => (a.amountFen === '0' ? '—' : formatYuan(a.amountFen)),
          },
          { title: '内容', dataIndex: 'content' },
          { title: '理由', dataIndex: 'reason' },
          { title: '生效日期', dataIndex: 'effectiveOn' },
          { title: '记录时间', render: (_, a) => formatTime(a.recordedAt) },
        ]}
      />
      <Modal
        open={open}
        title="记录合同变更"
        okText="记录"
        cancelText="取消"
        confirmLoading={amend.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then((v) => {
            const fen = v.kind === 'termination' ? '0' : yuanToFen(String(v.amountYuan ?? 0));
            if (fen === null) return void message.error('金额格式不正确');
            amend.mutate({ kind: v.kind, amountFen: fen, content: v.content, reason: v.reason });
          })
        }
        destroyOnHidden
      >
        {amend.isError && <Alert type="error" showIcon title={errorMessage(amend.error)} />}
        <Form form={form} layout="vertical" initialValues={{ kind: 'change' }}>
          <Form.Item label="类型" name="kind">
            <Select
              options={Object.entries(AMENDMENT_KIND_LABELS)
                .filter(([k]) => contract.signedOn !== null || k === 'termination')
                .map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {kind !== 'termination' && (
            <Form.Item
              label="金额（元）"
              name="amountYuan"
              extra={kind === 'addOn' ? '补充合同金额' : '价款变化，减少填负数；不涉及价款填 0'}
            >
              <InputNumber style={{ width: 200 }} precision={2} min={kind === 'addOn' ? 0.01 : undefined} />
            </Form.Item>
          )}
          <Form.Item label="内容" name="content" rules={[{ required: true, message: '请填写内容' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function downloadJson(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** 合同详情 (URL /app/contracts/:id): the text, terms, statutory clocks, signatures, amendments, performance. */
export function ContractDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: contractKey(id), queryFn: () => fetchContract(id) });
  const publish = useContractMutation(
    () => publishContract(id),
    (after) => {
      qc.setQueryData(contractKey(id), after);
      void message.success('合同公告已发布');
    },
  );
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const c = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span>合同 {c.code}</span>
            <ContractStatusTag status={c.status} label={c.statusLabel} />
            {c.late && <Tag color="error">有逾期</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <SignAction contract={c} />
            {c.abilities.includes('publish') && c.signedOn && !c.publishedOn && (
              <Popconfirm
                title="发布合同公告"
                description="在本平台公告合同的当事人、金额、主要标的和履约期限。"
                okText="发布"
                cancelText="取消"
                onConfirm={() =>
                  publish.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) })
                }
              >
                <Button loading={publish.isPending}>发布合同公告</Button>
              </Popconfirm>
            )}
            <FilingAction contract={c} />
            <Button icon={<DownloadOutlined />} href={documentUrl(c.id)}>
              合同文本（Word）
            </Button>
            {c.abilities.includes('export') && c.signedOn && (
              <Button
                onClick={() =>
                  void fetchExport(c.id)
                    .then((r) => downloadJson(`${c.code}-签署记录.json`, r))
                    .catch((e: unknown) => void message.error(errorMessage(e)))
                }
              >
                导出签署记录
              </Button>
            )}
          </Space>
        }
      >
        {c.suspension.suspended && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="暂停签订合同"
            description={c.suspension.reasons.join('；')}
          />
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="项目">
            {c.projectCode} {c.projectName} 第{c.lotNo}包
          </Descriptions.Item>
          <Descriptions.Item label="采购人（甲方）">{c.purchaserName}</Descriptions.Item>
          <Descriptions.Item label="供应商（乙方）">
            {c.supplierName}（{c.supplierCreditCode}）{c.sme && <Tag style={{ marginLeft: 8 }}>中小企业</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="合同金额">{formatYuan(c.amountFen)} 元</Descriptions.Item>
          <Descriptions.Item label="预算（本份额）">{formatYuan(c.budgetFen)} 元</Descriptions.Item>
          <Descriptions.Item label="履约保证金">
            {c.bondFen === '0' ? '不收取' : `${formatYuan(c.bondFen)} 元`}
          </Descriptions.Item>
          <Descriptions.Item label="付款期限">
            {c.paymentTermsDays === null ? '未约定' : `验收合格后 ${c.paymentTermsDays} 日内`}
          </Descriptions.Item>
          <Descriptions.Item label="履约期限">{c.performancePeriod ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="交货（服务）地点">{c.deliveryPlace ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="签订合同">
            <ClockText clock={c.clocks.signing} />
          </Descriptions.Item>
          <Descriptions.Item label="合同公告">
            <ClockText clock={c.clocks.publication} />
          </Descriptions.Item>
          <Descriptions.Item label="合同备案">
            <ClockText clock={c.clocks.filing} />
            {c.filingReference && <span>（{c.filingReference}）</span>}
          </Descriptions.Item>
          {c.terminatedReason && <Descriptions.Item label="解除理由">{c.terminatedReason}</Descriptions.Item>}
          <Descriptions.Item label="文本摘要（SHA-256）" span={2}>
            <Typography.Text code copyable>
              {c.documentHash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="签署">
        <Table
          data-testid="contract-signatures"
          rowKey="party"
          size="small"
          pagination={false}
          dataSource={c.signatures}
          locale={{ emptyText: '双方均未签署' }}
          columns={[
            { title: '签署方', dataIndex: 'partyLabel' },
            { title: '签署人', dataIndex: 'signerName' },
            {
              title: '密钥指纹',
              render: (_, s) => <Typography.Text code>{s.keyFingerprint.slice(0, 16)}…</Typography.Text>,
            },
            {
              title: '签署时间',
              render: (_, s) => (
                <Space size={4}>
                  {formatTime(s.signedAt)}
                  {s.late && <Tag color="warning">逾期签订</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Amendments contract={c} />
      <Card title="合同文本">
        <ContractDocument document={c.document} />
      </Card>
      {/* ── 履约 slot: the performance part renders milestones, issues, acceptance, invoices and payments here. */}
      <ContractPerformance contractId={c.id} />
    </Space>
  );
}
