import { Space, Spin, Steps, Typography } from 'antd';
import { formatBytes, UploadProgressList } from './BidDocuments.tsx';
import type { UploadJob } from './uploads.ts';

/** Sealing runs in the form; what it seals is named here while it runs. */
export interface SealingState {
  names: string[];
  bytes: number;
  running: boolean;
  failed: boolean;
}

const STEP_TITLES = ['加密报价', '分割密钥', '上传', '取得回执'] as const;
type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Which steps run now, and whether the one that runs has failed. */
function activeSteps(sealing: SealingState | null, job: UploadJob | undefined) {
  if (job) {
    const active = { posting: [2], uploading: [2], completing: [3], done: [] }[job.phase];
    return { active, failed: job.error !== null && !job.running };
  }
  // Sealing encrypts the price sheets and the documents and splits the key in one call: both steps run together.
  return { active: [0, 1], failed: sealing?.failed ?? false };
}

function stepStatuses(active: number[], failed: boolean): StepStatus[] {
  const first = active[0] ?? STEP_TITLES.length;
  return STEP_TITLES.map((_, i) =>
    i < first ? 'finish' : active.includes(i) ? (failed ? 'error' : 'process') : 'wait',
  );
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** 加密报价 → 分割密钥 → 上传 → 取得回执, with the documents' bytes as they arrive at the server. */
export function BidProgress({ sealing, job }: { sealing: SealingState | null; job: UploadJob | undefined }) {
  if (!sealing && !job) return null;
  const { active, failed } = activeSteps(sealing, job);
  const statuses = stepStatuses(active, failed);
  const documents = job?.documents.length ?? sealing?.names.length ?? 0;
  const descriptions: (string | undefined)[] = [
    documents ? `报价、声明及 ${documents} 个文件` : '报价与声明',
    '您、采购中心、财政监督各一份',
    job && documents
      ? `${formatBytes(sum(job.received))} / ${formatBytes(sum(job.documents.map((d) => d.total)))}`
      : undefined,
    undefined,
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 16 }}>
      <Steps
        size="small"
        current={active[0] ?? STEP_TITLES.length}
        data-testid="bid-steps"
        items={STEP_TITLES.map((title, i) => ({
          title,
          content: descriptions[i],
          status: statuses[i],
          icon: statuses[i] === 'process' ? <Spin size="small" /> : undefined,
        }))}
      />
      {!job && sealing?.running && sealing.names.length > 0 && (
        <Space data-testid="bid-sealing">
          <Spin size="small" />
          <Typography.Text>
            正在本机加密：{sealing.names.join('、')}（共 {formatBytes(sealing.bytes)}）
          </Typography.Text>
        </Space>
      )}
      {job && <UploadProgressList job={job} />}
    </Space>
  );
}
