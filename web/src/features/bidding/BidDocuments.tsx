import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Progress, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { MAX_DOCUMENT_BYTES } from '../../../../src/modules/bidding/contract.ts';
import {
  CHUNK_BYTES,
  sealedChunkBytes,
  type DocumentInput,
  type DocumentKind,
} from '../../../../src/modules/bidding/sealing.contract.ts';
import { fetchMySupplier, mySupplierKey } from '../orgs/api.ts';
import { identityOf, NO_IDENTITY, scanBlindFile, type LeakFinding, type ScanReport } from './leakScan.ts';
import type { JobDocument, UploadJob } from './uploads.ts';

/** A bid carries at most this many documents (the envelope's limit). */
export const MAX_DOCUMENTS = 20;

export const KIND_LABELS: Record<DocumentKind, string> = {
  commercial: '商务文件',
  technical: '技术文件',
  blindTechnical: '暗标技术文件',
  other: '其他',
};

export type PickedDocuments = Partial<Record<DocumentKind, File[]>>;

/** `3145728` → `3.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** How large a file becomes sealed: every 1 MiB chunk gains a nonce and a tag. */
const sealedSize = (bytes: number): number =>
  bytes + Math.max(1, Math.ceil(bytes / CHUNK_BYTES)) * sealedChunkBytes(0);

const tooLarge = (file: File): boolean => sealedSize(file.size) > MAX_DOCUMENT_BYTES;

/** The files in the order they are sealed: commercial, technical, blind technical, then the others. */
export async function readDocuments(picked: PickedDocuments | undefined): Promise<DocumentInput[]> {
  const order: DocumentKind[] = ['commercial', 'technical', 'blindTechnical', 'other'];
  const out: DocumentInput[] = [];
  for (const kind of order) {
    for (const file of picked?.[kind] ?? []) {
      out.push({
        kind,
        name: file.name,
        mime: file.type || 'application/octet-stream',
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
    }
  }
  return out;
}

/** Every file picked, whatever its kind; a kind never picked has no list at all. */
export const pickedFiles = (picked: PickedDocuments | undefined): File[] =>
  Object.values(picked ?? {}).flatMap((files: File[] | undefined) => files ?? []);

/** Form.Item hands the value and onChange down: the files chosen for one kind. */
function FilePicker({
  kind,
  multiple,
  value,
  onChange,
  disabled,
  annotate,
}: {
  kind: DocumentKind;
  multiple: boolean;
  value?: File[];
  onChange?: (files: File[]) => void;
  disabled?: boolean;
  /** Shown under each file (the 暗标 scan's findings). */
  annotate?: (file: File) => ReactNode;
}) {
  const { message } = App.useApp();
  const files = value ?? [];
  const add = (batch: File[]) => {
    const big = batch.filter(tooLarge);
    for (const f of big)
      void message.error(
        `文件“${f.name}”过大：单个文件加密后不得超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
      );
    const fine = batch.filter((f) => !tooLarge(f));
    if (fine.length) onChange?.(multiple ? [...files, ...fine] : fine.slice(0, 1));
  };
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid={`bid-doc-${kind}`}>
      <Upload
        multiple={multiple}
        showUploadList={false}
        disabled={disabled}
        // Nothing is uploaded here: the files are sealed in this browser when the bid is sent.
        beforeUpload={(file, batch) => {
          if (file === batch[0]) add(batch);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={disabled}>
          {files.length && !multiple ? '更换文件' : '选择文件'}
        </Button>
      </Upload>
      {files.map((f, i) => (
        <div key={`${f.name}-${i}`}>
          <Space data-testid="bid-doc-file">
            <PaperClipOutlined />
            <Typography.Text>{f.name}</Typography.Text>
            <Typography.Text type="secondary">{formatBytes(f.size)}</Typography.Text>
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={`移除 ${f.name}`}
              disabled={disabled}
              onClick={() => onChange?.(files.filter((_, k) => k !== i))}
            />
          </Space>
          {annotate?.(f)}
        </div>
      ))}
    </Space>
  );
}

const required = (label: string) => ({
  validator: (_rule: unknown, value: File[] | undefined) =>
    value?.length ? Promise.resolve() : Promise.reject(new Error(`请添加${label}`)),
});

// ── 暗标: the identity-leak scan before sealing ────────────────────────────────────────────────────────

const BLIND_PATH = ['documents', 'blindTechnical'];
/** The supplier's confirmation, asked only when the scan found its identity in the blind file. */
const BLIND_CONFIRMED = 'blindLeakConfirmed';

/** Each File its own number, for the scan's query key (a File has no key of its own). */
const fileIds = new WeakMap<File, number>();
let lastFileId = 0;
function fileId(file: File): number {
  let id = fileIds.get(file);
  if (id === undefined) {
    id = ++lastFileId;
    fileIds.set(file, id);
  }
  return id;
}

const SEVERITY: Record<LeakFinding['severity'], { label: string; color: string }> = {
  high: { label: '高', color: 'red' },
  medium: { label: '中', color: 'orange' },
  low: { label: '提示', color: 'default' },
};

/** At most this many findings are listed under a file; the count says how many there are. */
const LISTED = 20;

function FindingList({ findings }: { findings: LeakFinding[] }) {
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
      {findings.slice(0, LISTED).map((f, i) => (
        <li key={i} data-testid="leak-finding" data-severity={f.severity}>
          <Tag color={SEVERITY[f.severity].color}>{SEVERITY[f.severity].label}</Tag>
          <Typography.Text strong>{f.where}</Typography.Text>：{f.message}
          {f.excerpt && (
            <div>
              <Typography.Text type="secondary" data-testid="leak-excerpt">
                {f.excerpt}
              </Typography.Text>
            </div>
          )}
        </li>
      ))}
      {findings.length > LISTED && <li>……另有 {findings.length - LISTED} 处未列出</li>}
    </ul>
  );
}

function ScanResult({ report, identityKnown }: { report: ScanReport; identityKnown: boolean }) {
  const serious = report.findings.filter((f) => f.severity !== 'low');
  const notes = report.findings.filter((f) => f.severity === 'low');
  const partial = identityKnown ? null : (
    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
      未能读取本单位的登记资料，仅检查了电话、邮箱、信用代码和文档属性等，请人工核对单位名称和人员姓名。
    </Typography.Paragraph>
  );
  if (serious.length === 0)
    return (
      <Alert
        type="info"
        showIcon
        data-testid="leak-scan"
        data-state="clean"
        title="未发现身份信息"
        description={
          notes.length || partial ? (
            <>
              {notes.length > 0 && <FindingList findings={notes} />}
              {partial}
            </>
          ) : undefined
        }
      />
    );
  const high = serious.some((f) => f.severity === 'high');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="leak-scan"
      data-state={high ? 'high' : 'medium'}
      title={`发现 ${serious.length} 处可能泄露投标人身份的信息`}
      description={
        <>
          <Typography.Text>
            暗标技术文件含可识别投标人身份的信息的，按无效投标处理。请修改文件后重新选择；确认无误的，仍可递交。
          </Typography.Text>
          <FindingList findings={[...serious, ...notes]} />
          {partial}
        </>
      }
    />
  );
}

type ScanState =
  { state: 'scanning' } | { state: 'done'; report: ScanReport } | { state: 'failed'; message: string };

/**
 * 暗标技术文件: scanned in this browser as soon as it is picked, against the supplier's own record, and the
 * findings shown under it. The scan warns and does not decide: with findings of high severity the supplier
 * confirms before sending (the procurement documents and the committee decide the consequence).
 */
function BlindTechnicalField({ label }: { label: string }) {
  const form = Form.useFormInstance();
  const watched: unknown = Form.useWatch(BLIND_PATH, form);
  const files = Array.isArray(watched) ? watched.filter((f): f is File => f instanceof File) : [];
  const supplier = useQuery({
    queryKey: mySupplierKey,
    queryFn: fetchMySupplier,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const identity = supplier.data ? identityOf(supplier.data) : supplier.isError ? NO_IDENTITY : null;
  // A refetch that brings the same record does not scan the files again.
  const identityKey = JSON.stringify(identity);
  const scans = useQueries({
    queries: files.map((file) => ({
      queryKey: ['bid-leak-scan', fileId(file), identityKey],
      queryFn: () => scanBlindFile(file, identity ?? NO_IDENTITY),
      enabled: identity !== null,
      staleTime: Infinity,
      gcTime: 60_000,
      retry: false,
    })),
  });
  const states = new Map<File, ScanState>(
    files.map((file, i): [File, ScanState] => {
      const q = scans[i];
      if (q?.data) return [file, { state: 'done', report: q.data }];
      if (q?.isError)
        return [file, { state: 'failed', message: q.error instanceof Error ? q.error.message : '' }];
      return [file, { state: 'scanning' }];
    }),
  );
  const scanning = [...states.values()].some((s) => s.state === 'scanning');
  const high = [...states.values()].some(
    (s) => s.state === 'done' && s.report.findings.some((f) => f.severity === 'high'),
  );

  // Another file is another question: a confirmation given for the last one does not carry over.
  const shownFiles = files.map(fileId).join(',');
  const lastFiles = useRef(shownFiles);
  useEffect(() => {
    if (lastFiles.current === shownFiles) return;
    lastFiles.current = shownFiles;
    form.setFieldValue(BLIND_CONFIRMED, false);
  }, [form, shownFiles]);
  // A 'still scanning' error under the field goes away when the scan ends.
  useEffect(() => {
    if (!scanning && form.getFieldError(BLIND_PATH).length > 0)
      form.validateFields([BLIND_PATH]).catch(() => undefined);
  }, [form, scanning]);

  const annotate = (file: File): ReactNode => {
    const s = states.get(file) ?? { state: 'scanning' };
    if (s.state === 'scanning')
      return (
        <Space data-testid="leak-scan" data-state="scanning" style={{ margin: '4px 0' }}>
          <Spin size="small" />
          <Typography.Text type="secondary">正在检查文件中是否含投标人身份信息…</Typography.Text>
        </Space>
      );
    if (s.state === 'failed')
      return (
        <Alert
          type="warning"
          showIcon
          data-testid="leak-scan"
          data-state="failed"
          title="未能检查该文件是否含投标人身份信息，请人工核对"
          description={s.message || undefined}
        />
      );
    return <ScanResult report={s.report} identityKnown={!supplier.isError} />;
  };

  return (
    <>
      <Form.Item
        label={label}
        name={BLIND_PATH}
        required
        rules={[
          required(label),
          {
            validator: () =>
              scanning ? Promise.reject(new Error('正在检查暗标文件，请稍候再递交')) : Promise.resolve(),
          },
        ]}
      >
        <FilePicker kind="blindTechnical" multiple={false} annotate={annotate} />
      </Form.Item>
      {high && (
        <Form.Item
          name={BLIND_CONFIRMED}
          valuePropName="checked"
          rules={[
            {
              validator: (_rule: unknown, value: unknown) =>
                value === true
                  ? Promise.resolve()
                  : Promise.reject(new Error('暗标文件中发现身份信息：请修改文件，或检查后勾选确认')),
            },
          ]}
        >
          <Checkbox data-testid="leak-confirm">我已检查并确认暗标文件不含身份信息</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/** 投标文件: the files of the bid by kind, sealed with the price sheets when the bid is sent. */
export function BidDocumentsSection({ blindTechnical }: { blindTechnical: boolean }) {
  const kinds: { kind: DocumentKind; required: boolean; multiple: boolean }[] = [
    { kind: 'commercial', required: true, multiple: false },
    { kind: 'technical', required: true, multiple: false },
    ...(blindTechnical ? [{ kind: 'blindTechnical' as const, required: true, multiple: false }] : []),
    { kind: 'other', required: false, multiple: true },
  ];
  return (
    <div data-testid="bid-documents">
      <Typography.Text strong>投标文件</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
        文件在您的浏览器中与报价一同加密后上传，开标前任何人（包括平台）都无法查看。单个文件加密后不超过{' '}
        {MAX_DOCUMENT_BYTES / 1024 / 1024} MB，全部不超过 {MAX_DOCUMENTS} 个。
      </Typography.Paragraph>
      {blindTechnical && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="本项目技术部分实行暗标评审"
          description="暗标技术文件的内容和文件名均不得出现投标人名称、商标、人员姓名、联系方式等任何可识别投标人身份的信息，否则按无效投标处理。"
        />
      )}
      {kinds.map((k) =>
        k.kind === 'blindTechnical' ? (
          <BlindTechnicalField key={k.kind} label={KIND_LABELS[k.kind]} />
        ) : (
          <Form.Item
            key={k.kind}
            label={k.required ? KIND_LABELS[k.kind] : `${KIND_LABELS[k.kind]}（可选，可多个）`}
            name={['documents', k.kind]}
            required={k.required}
            rules={k.required ? [required(KIND_LABELS[k.kind])] : []}
          >
            <FilePicker kind={k.kind} multiple={k.multiple} />
          </Form.Item>
        ),
      )}
    </div>
  );
}

function DocumentProgress({ doc, received }: { doc: JobDocument; received: number }) {
  const percent = doc.total > 0 ? Math.floor((received / doc.total) * 100) : 100;
  return (
    <div data-testid="doc-progress" data-part={doc.part} data-percent={percent}>
      <Space size={8}>
        <Typography.Text>{KIND_LABELS[doc.kind]}</Typography.Text>
        <Typography.Text type="secondary">{doc.name}</Typography.Text>
      </Space>
      <Progress
        percent={percent}
        size="small"
        format={() => `${formatBytes(received)} / ${formatBytes(doc.total)}`}
      />
    </div>
  );
}

/** Each document's bytes as received by the server, of a bid being uploaded. */
export function UploadProgressList({ job }: { job: UploadJob }) {
  if (!job.documents.length) return null;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="upload-progress">
      {job.documents.map((d, i) => (
        <DocumentProgress key={d.part} doc={d} received={job.received[i] ?? 0} />
      ))}
    </Space>
  );
}
