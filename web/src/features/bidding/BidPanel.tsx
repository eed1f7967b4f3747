import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  envelopeHash,
  sealBid,
  type BidEnvelope,
  type Declarations,
  type PriceSheet,
} from '../../../../src/modules/bidding/sealing.contract.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime, monospace, shortHash } from '../../shared/format.ts';
import { formatYuan, yuanToFen } from '../../shared/money.ts';
import { can, useSession } from '../auth/session.ts';
import type { ProjectView } from '../tendering/api.ts';
import {
  fetchMyBids,
  fetchSealing,
  myBidsKey,
  register,
  sealingKey,
  submitBid,
  withdrawBid,
  type BidView,
  type Receipt,
  type SealingView,
} from './api.ts';
import { PassphraseFields } from './PassphraseFields.tsx';
import { ReceiptDownload, ReceiptView } from './Receipt.tsx';

const OPEN_FOR_BIDS = ['published', 'corrected'];
const statusColors: Record<BidView['status'], string> = {
  uploading: 'processing',
  submitted: 'green',
  replaced: 'default',
  withdrawn: 'red',
};

// ── the deadline by the server's clock ────────────────────────────────────────────────────────────────

/** Milliseconds left to the deadline, by the server's clock as read with the sealing keys. */
function useRemaining(sealing: SealingView & { receivedAt: number }): number {
  const offset = Date.parse(sealing.serverTime) - sealing.receivedAt;
  const deadline = Date.parse(sealing.bidDeadlineAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return deadline - (now + offset);
}

function countdownText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days} 天 ${hms}` : hms;
}

function Deadline({ sealing, remaining }: { sealing: SealingView; remaining: number }) {
  return (
    <Alert
      type={remaining <= 0 ? 'error' : remaining < 3_600_000 ? 'warning' : 'info'}
      showIcon
      data-testid="bid-deadline"
      title={
        <span>
          投标截止时间：<strong>{formatTime(sealing.bidDeadlineAt)}</strong>（北京时间）
          {remaining > 0 ? (
            <>
              ，剩余 <strong data-testid="bid-countdown">{countdownText(remaining)}</strong>
            </>
          ) : (
            '，投标已截止'
          )}
        </span>
      }
      description="以平台服务器时间为准，与您电脑的时钟无关。"
    />
  );
}

// ── sealing and submission ────────────────────────────────────────────────────────────────────────────

interface LotValues {
  selected?: boolean;
  price?: string;
  delivery?: string;
}
interface BidValues {
  lots: LotValues[];
  smeSize: NonNullable<Declarations['sme']>['size'];
  smeStatement?: string;
  domestic?: 'yes' | 'no';
  passphrase: string;
  confirmPassphrase: string;
}

type Phase = 'sealing' | 'uploading' | 'receipt' | 'done';
interface Progress {
  phase: Phase;
  failed: boolean;
}

const STEP_TITLES = ['加密报价', '分割密钥', '上传', '取得回执'] as const;

function stepStatuses(p: Progress): ('wait' | 'process' | 'finish' | 'error')[] {
  // Sealing encrypts the price sheets and splits the key in one call: both steps run together.
  const active: Record<Phase, number[]> = { sealing: [0, 1], uploading: [2], receipt: [3], done: [] };
  const firstActive = p.phase === 'done' ? 4 : (active[p.phase][0] ?? 0);
  return STEP_TITLES.map((_, i) =>
    i < firstActive ? 'finish' : active[p.phase].includes(i) ? (p.failed ? 'error' : 'process') : 'wait',
  );
}

const transient = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the sealed envelope; a network failure is retried with the very same envelope, so it stays one bid. */
async function upload(envelope: BidEnvelope): Promise<BidView> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitBid(envelope);
    } catch (error) {
      if (!transient(error) || attempt >= 2) throw error;
      await pause(1000 * (attempt + 1));
    }
  }
}

function BidForm({
  project,
  sealing,
  closed,
  replacing,
}: {
  project: ProjectView;
  sealing: SealingView;
  closed: boolean;
  replacing: boolean;
}) {
  const [form] = Form.useForm<BidValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<{ message: string; retry: boolean } | null>(null);
  const [result, setResult] = useState<Receipt | null>(null);
  // The envelope sealed from the current form values: a retry after a network failure sends it again unchanged.
  const pending = useRef<{ envelope: BidEnvelope; hash: string } | null>(null);
  const receiptRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) receiptRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [result]);
  const busy = progress !== null && progress.phase !== 'done' && !progress.failed;

  const send = async (sealed: { envelope: BidEnvelope; hash: string }) => {
    setProgress({ phase: 'uploading', failed: false });
    let bid: BidView;
    try {
      bid = await upload(sealed.envelope);
    } catch (error) {
      setProgress({ phase: 'uploading', failed: true });
      const retry = transient(error);
      if (!retry) pending.current = null;
      setFailure({
        message: retry
          ? `${errorMessage(error)}。加密的投标文件已保留，可重新上传（仍是同一份投标文件）。`
          : errorMessage(error),
        retry,
      });
      return;
    }
    setProgress({ phase: 'receipt', failed: false });
    if (!bid.receipt) {
      setProgress({ phase: 'receipt', failed: true });
      setFailure({
        message: '平台尚未接收完整的投标文件，未签发回执。请刷新后查看“我的投标”。',
        retry: false,
      });
      return;
    }
    if (bid.receipt.statement.envelopeHash !== sealed.hash) {
      setProgress({ phase: 'receipt', failed: true });
      setFailure({ message: '回执中的投标文件摘要与本机计算的不一致，请联系采购中心。', retry: false });
      return;
    }
    pending.current = null;
    setProgress({ phase: 'done', failed: false });
    setResult(bid.receipt);
    form.setFieldsValue({ passphrase: '', confirmPassphrase: '' });
    void message.success('投标文件已递交，已取得回执');
    void queryClient.invalidateQueries({ queryKey: myBidsKey(project.id) });
  };

  const onFinish = async (values: BidValues) => {
    setFailure(null);
    setResult(null);
    const sheets: PriceSheet[] = [];
    const problems: { name: ['lots', number, 'price']; errors: string[] }[] = [];
    sealing.lots.forEach((lot, i) => {
      const v = values.lots[i];
      if (!v?.selected) return;
      const fen = yuanToFen(v.price ?? '');
      if (fen === null || fen === '0')
        problems.push({ name: ['lots', i, 'price'], errors: ['请输入投标报价（元，最多两位小数）'] });
      else
        sheets.push({
          lotNo: lot.no,
          priceFen: fen,
          items: v.delivery?.trim() ? { 交货期: v.delivery.trim() } : {},
        });
    });
    if (problems.length > 0) return form.setFields(problems);
    if (sheets.length === 0) {
      setFailure({ message: '请至少选择一个包并填写报价', retry: false });
      return;
    }
    if (!pending.current) {
      setProgress({ phase: 'sealing', failed: false });
      try {
        // No documents are sealed here yet: the envelope carries the price sheets and declarations only.
        const { envelope } = await sealBid({
          bidId: crypto.randomUUID(),
          projectId: sealing.projectId,
          priceSheets: sheets,
          declarations: {
            sme: { size: values.smeSize, statement: values.smeStatement?.trim() ?? '' },
            domesticProduct: values.domestic === undefined ? null : values.domestic === 'yes',
            other: {},
          },
          bidderPassphrase: values.passphrase,
          centrePublicKey: sealing.centrePublicKey,
          supervisorPublicKey: sealing.supervisorPublicKey,
        });
        pending.current = { envelope, hash: await envelopeHash(envelope) };
      } catch (error) {
        setProgress({ phase: 'sealing', failed: true });
        setFailure({ message: error instanceof Error ? error.message : '加密失败', retry: false });
        return;
      }
    }
    await send(pending.current);
  };

  const statuses = progress ? stepStatuses(progress) : null;
  return (
    <Form<BidValues>
      form={form}
      layout="vertical"
      disabled={busy || closed}
      initialValues={{ lots: sealing.lots.map(() => ({ selected: false })), smeSize: 'none' }}
      // Changed values make a new envelope: the one kept for a retry no longer says what the form says.
      onValuesChange={() => {
        pending.current = null;
      }}
      onFinish={(v) => void onFinish(v)}
      data-testid="bid-form"
    >
      <Typography.Text strong>投标报价（开标一览表）</Typography.Text>
      <Table
        rowKey="no"
        size="small"
        pagination={false}
        style={{ margin: '8px 0 16px' }}
        dataSource={sealing.lots}
        columns={[
          {
            title: '投标',
            key: 'selected',
            width: 64,
            render: (_: unknown, lot, i) => (
              <Form.Item name={['lots', i, 'selected']} valuePropName="checked" noStyle>
                <Checkbox aria-label={`投第 ${lot.no} 包`} />
              </Form.Item>
            ),
          },
          { title: '包', key: 'lot', render: (_: unknown, lot) => `第 ${lot.no} 包 ${lot.name}` },
          {
            title: '最高限价（元）',
            key: 'ceiling',
            align: 'right',
            render: (_: unknown, lot) => {
              const ceiling = project.lots.find((l) => l.no === lot.no)?.ceilingFen;
              return ceiling ? formatYuan(ceiling) : '—';
            },
          },
          {
            title: '投标报价（元）',
            key: 'price',
            render: (_: unknown, lot, i) => (
              <Form.Item noStyle dependencies={[['lots', i, 'selected']]}>
                {({ getFieldValue }) => (
                  <Form.Item name={['lots', i, 'price']} style={{ marginBottom: 0 }}>
                    <Input
                      aria-label={`第 ${lot.no} 包投标报价`}
                      placeholder="如 386500.00"
                      inputMode="decimal"
                      disabled={!getFieldValue(['lots', i, 'selected'])}
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                )}
              </Form.Item>
            ),
          },
          {
            title: '交货期',
            key: 'delivery',
            render: (_: unknown, lot, i) => (
              <Form.Item noStyle dependencies={[['lots', i, 'selected']]}>
                {({ getFieldValue }) => (
                  <Form.Item name={['lots', i, 'delivery']} noStyle>
                    <Input
                      aria-label={`第 ${lot.no} 包交货期`}
                      placeholder="如 合同签订后 30 日"
                      maxLength={100}
                      disabled={!getFieldValue(['lots', i, 'selected'])}
                    />
                  </Form.Item>
                )}
              </Form.Item>
            ),
          },
        ]}
      />
      <Typography.Text strong>声明</Typography.Text>
      <Form.Item label="中小企业声明函：企业规模" name="smeSize" style={{ marginTop: 8 }}>
        <Radio.Group
          options={[
            { value: 'medium', label: '中型企业' },
            { value: 'small', label: '小型企业' },
            { value: 'micro', label: '微型企业' },
            { value: 'none', label: '不属于中小企业' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['smeSize']}>
        {({ getFieldValue }) =>
          getFieldValue('smeSize') !== 'none' && (
            <Form.Item
              label="声明内容"
              name="smeStatement"
              rules={[{ required: true, whitespace: true, message: '请填写中小企业声明内容' }]}
            >
              <Input.TextArea rows={2} maxLength={2000} placeholder="本公司郑重声明……" />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item
        label="所投产品是否为本国产品"
        name="domestic"
        rules={[{ required: true, message: '请选择是否为本国产品' }]}
      >
        <Radio.Group
          options={[
            { value: 'yes', label: '是' },
            { value: 'no', label: '否' },
          ]}
        />
      </Form.Item>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="请牢记投标口令"
        description="报价在您的浏览器中加密，解密密钥分为三份：您、采购中心、财政监督各持一份，任意两份即可开标。您的一份以投标口令加密后保存在平台上，开标时凭此口令解开；平台不保存口令，无法找回。"
      />
      <div style={{ maxWidth: 420 }}>
        <PassphraseFields label="投标口令" />
      </div>
      {replacing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="您已递交过投标文件：再次递交将替换此前的投标文件，以最后一次递交的为准。"
        />
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<LockOutlined />} loading={busy} disabled={closed}>
          {replacing ? '加密并重新递交' : '加密并递交'}
        </Button>
        {failure?.retry && pending.current && (
          <Button
            onClick={() => pending.current && void send(pending.current)}
            disabled={busy}
            data-testid="bid-retry"
          >
            重新上传
          </Button>
        )}
      </Space>
      {statuses && (
        <Steps
          size="small"
          current={progress ? { sealing: 1, uploading: 2, receipt: 3, done: 4 }[progress.phase] : 0}
          style={{ marginTop: 16 }}
          data-testid="bid-steps"
          items={STEP_TITLES.map((title, i) => ({
            title,
            status: statuses[i],
            icon: statuses[i] === 'process' ? <Spin size="small" /> : undefined,
          }))}
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="bid-error"
          title={failure.message}
        />
      )}
      {result && (
        <Card size="small" title="投标回执" style={{ marginTop: 16 }} ref={receiptRef}>
          <ReceiptView receipt={result} />
        </Card>
      )}
    </Form>
  );
}

// ── registration, my bids, the panel ──────────────────────────────────────────────────────────────────

function RegisterButton({ projectId }: { projectId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: () => register(projectId),
    onSuccess: () => {
      void message.success('报名成功');
      void queryClient.invalidateQueries({ queryKey: sealingKey(projectId) });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Space orientation="vertical">
      <Typography.Text>报名后即可在投标截止前加密递交投标文件。</Typography.Text>
      <Button type="primary" loading={mutation.isPending} onClick={() => mutation.mutate()}>
        报名
      </Button>
    </Space>
  );
}

function MyBids({ projectId, open }: { projectId: string; open: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({ queryKey: myBidsKey(projectId), queryFn: () => fetchMyBids(projectId) });
  const withdraw = useMutation({
    mutationFn: withdrawBid,
    onSuccess: () => {
      void message.success('投标文件已撤回');
      void queryClient.invalidateQueries({ queryKey: myBidsKey(projectId) });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  if (!query.isPending && query.data.items.length === 0) return null;
  return (
    <Table
      rowKey="id"
      size="small"
      loading={query.isPending}
      pagination={false}
      title={() => <Typography.Text strong>我的投标</Typography.Text>}
      dataSource={query.data?.items ?? []}
      data-testid="my-bids"
      columns={[
        {
          title: '递交时间',
          dataIndex: 'submittedAt',
          key: 'submittedAt',
          render: (v: string) => formatTime(v),
        },
        {
          title: '包',
          dataIndex: 'lots',
          key: 'lots',
          render: (v: number[]) => v.map((n) => `第 ${n} 包`).join('、'),
        },
        {
          title: '状态',
          key: 'status',
          render: (_: unknown, b) => (
            <Tag color={statusColors[b.status]} data-testid="bid-status">
              {b.statusLabel}
            </Tag>
          ),
        },
        {
          title: '摘要',
          key: 'hash',
          render: (_: unknown, b) =>
            b.receipt ? (
              <Typography.Text style={monospace} title={b.receipt.statement.envelopeHash}>
                {shortHash(b.receipt.statement.envelopeHash, 16)}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, b) => (
            <Space>
              {b.receipt && <ReceiptDownload receipt={b.receipt} size="small" />}
              {open && b.abilities.includes('withdraw') && (
                <Popconfirm
                  title="撤回投标文件？"
                  description="撤回后该投标文件不参加开标；投标截止前可以重新递交。"
                  okText="撤回"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => withdraw.mutate(b.id)}
                >
                  <Button size="small" danger loading={withdraw.isPending && withdraw.variables === b.id}>
                    撤回
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function SealingState({ project }: { project: ProjectView }) {
  const sealing = useQuery({
    queryKey: sealingKey(project.id),
    queryFn: () => fetchSealing(project.id),
    retry: false,
  });
  const bids = useQuery({ queryKey: myBidsKey(project.id), queryFn: () => fetchMyBids(project.id) });
  if (sealing.isPending) return <Spin />;
  if (sealing.isError) {
    const code = sealing.error instanceof ApiError ? sealing.error.code : '';
    if (code === 'NOT_REGISTERED') return <RegisterButton projectId={project.id} />;
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type={code === 'CUSTODIANS_NOT_ASSIGNED' ? 'warning' : 'error'}
          showIcon
          data-testid="bid-blocked"
          title={errorMessage(sealing.error)}
          description={code === 'CUSTODIANS_NOT_ASSIGNED' ? '您已报名。指定后刷新本页即可递交。' : undefined}
        />
        <MyBids projectId={project.id} open={false} />
      </Space>
    );
  }
  return (
    <Open
      project={project}
      sealing={sealing.data}
      replacing={bids.data?.items.some((b) => b.status === 'submitted') ?? false}
    />
  );
}

function Open({
  project,
  sealing,
  replacing,
}: {
  project: ProjectView;
  sealing: SealingView & { receivedAt: number };
  replacing: boolean;
}) {
  const remaining = useRemaining(sealing);
  const closed = remaining <= 0;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Deadline sealing={sealing} remaining={remaining} />
      <MyBids projectId={project.id} open={!closed} />
      <BidForm project={project} sealing={sealing} closed={closed} replacing={replacing} />
    </Space>
  );
}

/** 投标: a supplier registers, seals its bid in this browser, submits it and keeps the signed receipt. */
export function BidPanel({ project }: { project: ProjectView }) {
  const session = useSession();
  if (!can(session.data?.abilities, 'bid', 'register')) return null;
  const open = OPEN_FOR_BIDS.includes(project.status);
  return (
    <Card size="small" title="投标" data-testid="bid-panel">
      {open ? (
        <SealingState project={project} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert type="info" showIcon title={`本项目${project.statusLabel}，不接收投标文件。`} />
          <MyBids projectId={project.id} open={false} />
        </Space>
      )}
    </Card>
  );
}
