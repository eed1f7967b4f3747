import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api.ts';
import { formatTime } from '../../../shared/format.ts';
import { fileUrl, uploadFile } from '../../orgs/api.ts';
import type { ChallengeView, ComplaintView } from './api.ts';

type Due = ChallengeView['replyDue'];
type Window = ChallengeView['window'];

/** A due day with its counting and article on hover, red once late. */
export function DueText({ due, label }: { due: Due | null; label?: string }) {
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={`${due.text}。${due.basis}`}>
      <Space size={4}>
        {label && <span>{label}</span>}
        <span>{due.dueOn}</span>
        {due.late && <Tag color="error">逾期</Tag>}
      </Space>
    </Tooltip>
  );
}

/** A window (质疑期限 / 投诉期限) with its rule. */
export function WindowText({ window }: { window: Window | null }) {
  if (!window) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={window.basis}>
      <Space size={4}>
        <span>{window.text}</span>
        <Tag color={window.open ? 'success' : 'default'}>{window.open ? '期限内' : '不在期限内'}</Tag>
      </Space>
    </Tooltip>
  );
}

const STATUS_COLORS: Record<string, string> = {
  received: 'processing',
  answered: 'success',
  withdrawn: 'default',
  accepted: 'processing',
  rejected: 'warning',
  decided: 'success',
};

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

export function OutcomeTag({ outcome, label }: { outcome: string | null; label: string | null }) {
  if (!outcome || !label) return null;
  return <Tag color={outcome === 'upheld' ? 'red' : 'blue'}>{label}</Tag>;
}

export function EvidenceList({ evidence }: { evidence: ChallengeView['evidence'] }) {
  if (!evidence.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {evidence.map((e) => (
        <a key={e.uploadId} href={fileUrl(e.hash)} target="_blank" rel="noreferrer">
          {e.name}
        </a>
      ))}
    </Space>
  );
}

export interface UploadedEvidence {
  uploadId: string;
  name: string;
}

/** Evidence files uploaded through POST /api/files; the form keeps their upload ids. */
export function EvidenceUpload({
  value,
  onChange,
}: {
  value?: UploadedEvidence[];
  onChange?: (v: UploadedEvidence[]) => void;
}) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const list = value ?? [];
  return (
    <Space orientation="vertical">
      {list.map((f) => (
        <Space key={f.uploadId}>
          <span>{f.name}</span>
          <Button
            size="small"
            type="link"
            onClick={() => onChange?.(list.filter((x) => x.uploadId !== f.uploadId))}
          >
            移除
          </Button>
        </Space>
      ))}
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          setUploading(true);
          uploadFile(file)
            .then((u) => onChange?.([...list, { uploadId: u.uploadId, name: u.name }]))
            .catch((error: unknown) => void message.error(errorMessage(error)))
            .finally(() => setUploading(false));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} disabled={list.length >= 20}>
          上传证明材料
        </Button>
      </Upload>
    </Space>
  );
}

/** The letter, the clocks and the answer of one challenge. */
export function ChallengeDetails({ c }: { c: ChallengeView }) {
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="项目">
        {c.projectCode} {c.projectName}
        {c.lotNo !== null && ` 第${c.lotNo}包`}
      </Descriptions.Item>
      <Descriptions.Item label="质疑对象">{c.subjectLabel}</Descriptions.Item>
      {c.letterVisible ? (
        <>
          <Descriptions.Item label="质疑供应商">{c.supplierName}</Descriptions.Item>
          {c.knewOn && <Descriptions.Item label="知道或应知之日">{c.knewOn}</Descriptions.Item>}
          <Descriptions.Item label="质疑事项与请求">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.requests}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="事实依据">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.facts}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="证明材料">
            <EvidenceList evidence={c.evidence} />
          </Descriptions.Item>
        </>
      ) : (
        <Descriptions.Item label="质疑函">其他供应商的质疑函不公开</Descriptions.Item>
      )}
      <Descriptions.Item label="提出时间">{formatTime(c.filedAt)}</Descriptions.Item>
      <Descriptions.Item label="质疑期限">
        <WindowText window={c.window} />
      </Descriptions.Item>
      <Descriptions.Item label="答复期限">
        <DueText due={c.replyDue} />
      </Descriptions.Item>
      <Descriptions.Item label="影响中标结果">
        {c.affectsResult ? (
          <Tag color="warning">可能影响，暂停签订合同（条例第五十四条）</Tag>
        ) : (
          <Tag>不影响</Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        <StatusTag status={c.status} label={c.statusLabel} />
        <OutcomeTag outcome={c.outcome} label={c.outcomeLabel} />
        {c.remedyLabel && <Tag>{c.remedyLabel}</Tag>}
      </Descriptions.Item>
      {c.reply && (
        <Descriptions.Item label={`答复（${c.repliedOn ?? ''}）`}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.reply}</Typography.Paragraph>
        </Descriptions.Item>
      )}
      {c.complaintWindow && (
        <Descriptions.Item label="投诉期限">
          <WindowText window={c.complaintWindow} />
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** A complaint with its clocks and handling. */
export function ComplaintDetails({ k }: { k: ComplaintView }) {
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="项目">
        {k.projectCode} {k.projectName}
        {k.lotNo !== null && ` 第${k.lotNo}包`}（{k.subjectLabel}）
      </Descriptions.Item>
      <Descriptions.Item label="投诉人">{k.supplierName}</Descriptions.Item>
      <Descriptions.Item label="投诉事项与请求">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {k.requests}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="事实依据">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{k.facts}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="证明材料">
        <EvidenceList evidence={k.evidence} />
      </Descriptions.Item>
      <Descriptions.Item label="提出时间">{formatTime(k.filedAt)}</Descriptions.Item>
      <Descriptions.Item label="投诉期限">
        <WindowText window={k.window} />
      </Descriptions.Item>
      <Descriptions.Item label="受理审查期限">
        <DueText due={k.acceptance} />
      </Descriptions.Item>
      <Descriptions.Item label="处理期限">
        <DueText due={k.decisionDue} />
        {k.excludedWorkingDays > 0 && ` （已扣除 ${k.excludedWorkingDays} 个工作日）`}
      </Descriptions.Item>
      {k.suspension && (
        <Descriptions.Item label="暂停采购活动">
          <Tooltip title={k.suspension.basis}>
            {k.suspension.suspendedOn} 至 {k.suspension.endsOn}（最迟 {k.suspension.latestOn}）
            {k.suspension.liftedOn && `，${k.suspension.liftedOn} 解除`}
            {k.suspension.active && (
              <Tag color="warning" style={{ marginLeft: 8 }}>
                暂停中
              </Tag>
            )}
          </Tooltip>
        </Descriptions.Item>
      )}
      <Descriptions.Item label="状态">
        <StatusTag status={k.status} label={k.statusLabel} />
        <OutcomeTag outcome={k.outcome} label={k.outcomeLabel} />
        {k.remedyLabel && <Tag>{k.remedyLabel}</Tag>}
      </Descriptions.Item>
      {k.rejectionReason && <Descriptions.Item label="不予受理理由">{k.rejectionReason}</Descriptions.Item>}
      {k.decision && (
        <Descriptions.Item label={`处理决定（${k.decidedOn ?? ''}）`}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {k.decision}
          </Typography.Paragraph>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
