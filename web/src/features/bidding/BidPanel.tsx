import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  envelopeHash,
  sealBid,
  type Declarations,
  type PriceSheet,
} from '../../../../src/modules/bidding/sealing.contract.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { formatYuan, yuanToFen } from '../../shared/money.ts';
import { can, useSession } from '../auth/session.ts';
import { fenToYuanInput, type ProjectView } from '../tendering/api.ts';
import {
  fetchMyBids,
  fetchSealing,
  myBidsKey,
  OPEN_FOR_BIDS,
  register,
  sealingKey,
  type SealingView,
} from './api.ts';
import {
  BidDocumentsSection,
  pickedFiles,
  MAX_DOCUMENTS,
  readDocuments,
  type PickedDocuments,
} from './BidDocuments.tsx';
import { BidProgress, type SealingState } from './BidProgress.tsx';
import { MyBids } from './MyBids.tsx';
import { PassphraseFields } from './PassphraseFields.tsx';
import { ReceiptView } from './Receipt.tsx';
import { holdSealedBid, startUpload, useUploadJob } from './uploads.ts';

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
  /** 核心产品品牌 (goods): bids of one brand count as one bidder (87号令 第三十一条). */
  brand?: string;
}
interface BidValues {
  lots: LotValues[];
  smeSize: NonNullable<Declarations['sme']>['size'];
  smeStatement?: string;
  domestic?: 'yes' | 'no';
  documents?: PickedDocuments;
  passphrase: string;
  confirmPassphrase: string;
}

/** The announced 定标价 of a 合理定价评审抽签法 lot, or null when the bidder quotes its own price. */
const fixedPriceOf = (project: ProjectView, lotNo: number): string | null =>
  project.lots.find((l) => l.no === lotNo)?.lotteryPriceFen ?? null;

type LotProblem = { name: ['lots', number, 'price']; errors: string[] };

/** The price sheets of the ticked lots, or the fields to correct. */
function priceSheets(
  sealing: SealingView,
  values: BidValues,
): { sheets: PriceSheet[]; problems: LotProblem[] } {
  const sheets: PriceSheet[] = [];
  const problems: LotProblem[] = [];
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
        items: {
          ...(v.delivery?.trim() ? { 交货期: v.delivery.trim() } : {}),
          ...(v.brand?.trim() ? { 品牌: v.brand.trim() } : {}),
        },
      });
  });
  return { sheets, problems };
}

/** Seals the bid — price sheets, declarations and documents — in this browser and holds it for the upload. */
async function sealAndHold(sealing: SealingView, values: BidValues, sheets: PriceSheet[]): Promise<string> {
  const documents = await readDocuments(values.documents);
  const { envelope, sealedDocuments } = await sealBid({
    bidId: crypto.randomUUID(),
    projectId: sealing.projectId,
    priceSheets: sheets,
    declarations: {
      sme: { size: values.smeSize, statement: values.smeStatement?.trim() ?? '' },
      domesticProduct: values.domestic === undefined ? null : values.domestic === 'yes',
      other: {},
    },
    documents,
    bidderPassphrase: values.passphrase,
    centrePublicKey: sealing.centrePublicKey,
    supervisorPublicKey: sealing.supervisorPublicKey,
  });
  holdSealedBid({
    envelope,
    hash: await envelopeHash(envelope),
    documents: documents.map((d, i) => ({ name: d.name, bytes: sealedDocuments[i] ?? new Uint8Array() })),
  });
  return envelope.bidId;
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
  const [sealingState, setSealingState] = useState<SealingState | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The bid being sent (or last sent) from this form: its upload is followed here and in 我的投标.
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useUploadJob(jobId);
  // The bid sealed from the current form values: sending again after a failure resumes it unchanged.
  const pending = useRef<string | null>(null);
  const receiptRef = useRef<HTMLDivElement>(null);
  const receipt = job?.phase === 'done' ? job.receipt : null;
  useEffect(() => {
    if (receipt) receiptRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [receipt]);
  const busy = (sealingState?.running ?? false) || (job?.running ?? false);
  const refreshMyBids = () => void queryClient.invalidateQueries({ queryKey: myBidsKey(project.id) });

  const send = async (bidId: string) => {
    setJobId(bidId);
    const after = await startUpload(bidId, refreshMyBids);
    refreshMyBids();
    if (after.phase === 'done') {
      pending.current = null;
      form.setFieldsValue({ passphrase: '', confirmPassphrase: '' });
      void message.success('投标文件已递交，已取得回执');
    } else if (!after.error?.resumable) pending.current = null;
  };

  const onFinish = async (values: BidValues) => {
    setFailure(null);
    const { sheets, problems } = priceSheets(sealing, values);
    if (problems.length > 0) return form.setFields(problems);
    if (sheets.length === 0) return setFailure('请至少选择一个包并填写报价');
    const files = pickedFiles(values.documents);
    if (files.length > MAX_DOCUMENTS) return setFailure(`投标文件最多 ${MAX_DOCUMENTS} 个，请合并部分文件`);
    let bidId = pending.current;
    if (!bidId) {
      const state = { names: files.map((f) => f.name), bytes: files.reduce((n, f) => n + f.size, 0) };
      setJobId(null);
      setSealingState({ ...state, running: true, failed: false });
      try {
        bidId = await sealAndHold(sealing, values, sheets);
        pending.current = bidId;
        setSealingState({ ...state, running: false, failed: false });
      } catch (error) {
        setSealingState({ ...state, running: false, failed: true });
        setFailure(error instanceof Error ? `加密失败：${error.message}` : '加密失败');
        return;
      }
    }
    await send(bidId);
  };

  return (
    <Form<BidValues>
      form={form}
      layout="vertical"
      disabled={busy || closed}
      initialValues={{
        // 合理定价评审抽签法: the bidder accepts the announced 定标价 instead of quoting.
        lots: sealing.lots.map((lot) => {
          const fixed = fixedPriceOf(project, lot.no);
          return fixed ? { selected: false, price: fenToYuanInput(fixed) } : { selected: false };
        }),
        smeSize: 'none',
      }}
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
                      readOnly={fixedPriceOf(project, lot.no) !== null}
                      title={fixedPriceOf(project, lot.no) ? '定标价：按采购文件公布的价格投标' : undefined}
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
          ...(project.category === 'goods'
            ? [
                {
                  title: '核心产品品牌',
                  key: 'brand',
                  render: (_: unknown, lot: SealingView['lots'][number], i: number) => (
                    <Form.Item noStyle dependencies={[['lots', i, 'selected']]}>
                      {({ getFieldValue }) => (
                        <Form.Item name={['lots', i, 'brand']} noStyle>
                          <Input
                            aria-label={`第 ${lot.no} 包核心产品品牌`}
                            placeholder="如 联想"
                            maxLength={50}
                            disabled={!getFieldValue(['lots', i, 'selected'])}
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                  ),
                },
              ]
            : []),
        ]}
      />
      <BidDocumentsSection blindTechnical={project.requirements.blindTechnical} />
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
        {job?.error?.resumable && (
          <Button onClick={() => void send(job.bidId)} disabled={busy || closed} data-testid="bid-resume">
            继续上传
          </Button>
        )}
      </Space>
      <BidProgress sealing={sealingState} job={job} />
      {(failure ?? job?.error) && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="bid-error"
          title={failure ?? job?.error?.message}
        />
      )}
      {receipt && (
        <Card size="small" title="投标回执" style={{ marginTop: 16 }} ref={receiptRef}>
          <ReceiptView receipt={receipt} />
        </Card>
      )}
    </Form>
  );
}

// ── registration, the panel ───────────────────────────────────────────────────────────────────────────

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
