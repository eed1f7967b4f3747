import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Progress, Space, Typography, Upload } from 'antd';
import { MAX_DOCUMENT_BYTES } from '../../../../src/modules/bidding/contract.ts';
import {
  CHUNK_BYTES,
  sealedChunkBytes,
  type DocumentInput,
  type DocumentKind,
} from '../../../../src/modules/bidding/sealing.contract.ts';
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
}: {
  kind: DocumentKind;
  multiple: boolean;
  value?: File[];
  onChange?: (files: File[]) => void;
  disabled?: boolean;
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
        <Space key={`${f.name}-${i}`} data-testid="bid-doc-file">
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
      ))}
    </Space>
  );
}

const required = (label: string) => ({
  validator: (_rule: unknown, value: File[] | undefined) =>
    value?.length ? Promise.resolve() : Promise.reject(new Error(`请添加${label}`)),
});

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
      {kinds.map((k) => (
        <Form.Item
          key={k.kind}
          label={k.required ? KIND_LABELS[k.kind] : `${KIND_LABELS[k.kind]}（可选，可多个）`}
          name={['documents', k.kind]}
          required={k.required}
          rules={k.required ? [required(KIND_LABELS[k.kind])] : []}
        >
          <FilePicker kind={k.kind} multiple={k.multiple} />
        </Form.Item>
      ))}
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
