import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  approvalBody,
  correctionBody,
  publishBody,
  terminateBody,
} from '../../../../src/modules/tendering/contract.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { shanghaiToday } from '../planning/api.ts';
import {
  beijingInstant,
  beijingParts,
  correctProject,
  documentUrl,
  mayDo,
  projectsPath,
  publishProject,
  recordApproval,
  terminateProject,
  type ProjectView,
} from './api.ts';
import { showFieldErrors } from './fields.tsx';

/** After every change the detail shows the server's answer, and every list refetches. */
function useSaved(project: ProjectView) {
  const queryClient = useQueryClient();
  return (saved: ProjectView) => {
    queryClient.setQueryData([projectsPath, project.id], saved);
    void queryClient.invalidateQueries({ queryKey: [projectsPath] });
  };
}

// ── 采购方式审批 ────────────────────────────────────────────────────────────────────────────────────────

interface ApprovalValues {
  reference?: string;
  authority?: string;
  approvedOn?: string;
  note?: string;
}

export function ApprovalPanel({ project }: { project: ProjectView }) {
  const [form] = Form.useForm<ApprovalValues>();
  const saved = useSaved(project);
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (v: ApprovalValues) =>
      recordApproval(project.id, {
        reference: v.reference ?? '',
        authority: v.authority ?? '',
        approvedOn: v.approvedOn ?? '',
        note: v.note?.trim() ? v.note : null,
      }),
    onSuccess: (p) => {
      saved(p);
      void message.success('已登记采购方式批复');
    },
    onError: (error) => {
      if (!showFieldErrors(form, ['reference', 'authority', 'approvedOn', 'note'], error))
        void message.error(errorMessage(error));
    },
  });
  const check = project.methodCheck;
  if (!check.requiresApproval) return <Alert type="info" showIcon title="本项目无需采购方式审批。" />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="warning"
        showIcon
        title={`预算达到公开招标数额标准${check.openTenderThreshold ? `（${check.openTenderThreshold.source}）` : ''}而采用${project.methodLabel}，发布前须取得设区的市级以上财政部门批准（政府采购法第二十七条、实施条例第二十三条）。`}
      />
      {project.approval ? (
        <Descriptions bordered size="small" column={2} title="批复" data-testid="approval">
          <Descriptions.Item label="批复文号">{project.approval.reference}</Descriptions.Item>
          <Descriptions.Item label="批准机关">{project.approval.authority}</Descriptions.Item>
          <Descriptions.Item label="批准日期">{project.approval.approvedOn}</Descriptions.Item>
          <Descriptions.Item label="登记时间">{formatTime(project.approval.recordedAt)}</Descriptions.Item>
          <Descriptions.Item label="说明" span={2}>
            {project.approval.note ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : mayDo(project, 'recordApproval', 'approve') ? (
        <Form<ApprovalValues>
          form={form}
          name="approval"
          layout="vertical"
          disabled={mutation.isPending}
          onFinish={(v) => mutation.mutate(v)}
          style={{ maxWidth: 720 }}
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="批复文号"
                name="reference"
                required
                rules={[zodRule(approvalBody.shape.reference)]}
              >
                <Input placeholder="如：云财采〔2026〕12号" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="批准机关"
                name="authority"
                required
                rules={[zodRule(approvalBody.shape.authority)]}
              >
                <Input placeholder="如：云岭市财政局" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="批准日期"
            name="approvedOn"
            rules={[{ required: true, message: '请选择批准日期' }]}
          >
            <Input type="date" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            登记批复
          </Button>
        </Form>
      ) : (
        <Alert
          type="info"
          showIcon
          title={
            project.status === 'draft' ? '请先通过文件检查，再登记采购方式批复。' : '尚未登记采购方式批复。'
          }
        />
      )}
    </Space>
  );
}

// ── 发布公告 ────────────────────────────────────────────────────────────────────────────────────────────

interface PublishValues {
  documentsIssuedOn?: string;
  documentsAvailableUntil?: string;
  bidDeadlineDay?: string;
  bidDeadlineTime?: string;
  openingPlace?: string;
}

/** The server names a deadline field `bidDeadline…`; the form splits it into a day and a time. */
function publishFieldOf(path: string | undefined): keyof PublishValues | null {
  if (!path) return null;
  if (path.includes('bidDeadline')) return 'bidDeadlineDay';
  if (path.includes('documentsAvailableUntil')) return 'documentsAvailableUntil';
  if (path.includes('documentsIssuedOn')) return 'documentsIssuedOn';
  if (path.includes('openingPlace')) return 'openingPlace';
  return null;
}

export function ScheduleView({ project }: { project: ProjectView }) {
  const s = project.schedule;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="schedule">
      <Descriptions.Item label="公告发布日">{s.noticePublishedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="采购文件发出日">{s.documentsIssuedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="文件提供截止日">{s.documentsAvailableUntil ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="投标截止时间">{formatTime(s.bidDeadlineAt)}</Descriptions.Item>
      <Descriptions.Item label="开标时间">{formatTime(s.openingAt)}</Descriptions.Item>
      <Descriptions.Item label="开标地点">{s.openingPlace ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

export function PublishPanel({ project }: { project: ProjectView }) {
  const [form] = Form.useForm<PublishValues>();
  const saved = useSaved(project);
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<string | null>(null);
  const s = project.schedule;
  const mutation = useMutation({
    mutationFn: (v: PublishValues) =>
      publishProject(project.id, {
        documentsIssuedOn: v.documentsIssuedOn ?? '',
        documentsAvailableUntil: v.documentsAvailableUntil ?? '',
        bidDeadlineAt: beijingInstant(v.bidDeadlineDay ?? '', v.bidDeadlineTime ?? '09:30'),
        openingPlace: v.openingPlace ?? '',
      }),
    onSuccess: (p) => {
      setRefusal(null);
      saved(p);
      void message.success('采购公告已发布');
    },
    onError: (error) => {
      setRefusal(errorMessage(error));
      const field = error instanceof ApiError ? publishFieldOf(error.path) : null;
      if (field) form.setFields([{ name: field, errors: [error.message] }]);
      else showFieldErrors(form, ['documentsIssuedOn', 'documentsAvailableUntil', 'openingPlace'], error);
    },
  });

  if (
    ['published', 'corrected', 'bidsClosed', 'opened', 'evaluating', 'awarded', 'contracted'].includes(
      project.status,
    )
  )
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon title={`公告已于 ${s.noticePublishedOn ?? '—'} 发布`} />
        <ScheduleView project={project} />
      </Space>
    );
  const canPublish = mayDo(project, 'publish', 'publish');
  if (!canPublish)
    return (
      <Alert
        type="info"
        showIcon
        title={
          project.abilities.includes('publish')
            ? project.methodCheck.requiresApproval && project.status !== 'approved'
              ? '须先通过文件检查并登记采购方式批复，才能发布公告。'
              : '须先通过文件检查，才能发布公告。'
            : '公告尚未发布。'
        }
      />
    );
  const blockedByApproval = project.methodCheck.requiresApproval && project.status !== 'approved';
  const today = shanghaiToday();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {blockedByApproval && (
        <Alert type="warning" showIcon title="本项目须先登记财政部门的采购方式批复，才能发布公告。" />
      )}
      <Alert
        type="info"
        showIcon
        data-testid="schedule-hints"
        title="法定期限提示（北京时间）"
        description={
          <>
            <div>若今日（{today}）开始发出采购文件：</div>
            <div>
              文件提供期限最早可截止于 <strong>{s.earliestDocumentsAvailableUntil ?? '—'}</strong>
              ；投标（响应）截止时间不得早于 <strong>{s.earliestBidDeadline ?? '—'}</strong>。
            </div>
          </>
        }
      />
      {refusal && <Alert type="error" showIcon title={refusal} data-testid="publish-error" />}
      <Form<PublishValues>
        form={form}
        name="publish"
        layout="vertical"
        disabled={mutation.isPending}
        style={{ maxWidth: 720 }}
        initialValues={{
          documentsIssuedOn: s.documentsIssuedOn ?? today,
          documentsAvailableUntil:
            s.documentsAvailableUntil ?? s.earliestDocumentsAvailableUntil ?? undefined,
          bidDeadlineDay: beijingParts(s.bidDeadlineAt)?.day ?? s.earliestBidDeadline ?? undefined,
          bidDeadlineTime: beijingParts(s.bidDeadlineAt)?.time ?? '09:30',
          openingPlace: s.openingPlace ?? undefined,
        }}
        onFinish={(v) => {
          setRefusal(null);
          mutation.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label="采购文件发出日"
              name="documentsIssuedOn"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="文件提供截止日"
              name="documentsAvailableUntil"
              rules={[{ required: true, message: '请选择日期' }]}
              extra="提供期限不得少于 5 个工作日"
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={14} md={12}>
            <Form.Item
              label="投标截止日期"
              name="bidDeadlineDay"
              rules={[{ required: true, message: '请选择日期' }]}
              extra="自文件发出之日起不得少于 20 日（公开招标）"
            >
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={10} md={12}>
            <Form.Item
              label="截止时间（北京时间）"
              name="bidDeadlineTime"
              rules={[{ required: true, message: '请填写时间' }]}
            >
              <Input type="time" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="开标地点"
          name="openingPlace"
          required
          rules={[zodRule(publishBody.shape.openingPlace)]}
        >
          <Input placeholder="如：云岭县政府采购中心开标一室" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} disabled={blockedByApproval}>
          发布采购公告
        </Button>
      </Form>
    </Space>
  );
}

// ── 公告、更正、终止、采购文件 ──────────────────────────────────────────────────────────────────────────

export function NoticesList({ project }: { project: ProjectView }) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      data-testid="project-notices"
      dataSource={project.notices}
      locale={{ emptyText: '尚未发布公告' }}
      columns={[
        { title: '类型', dataIndex: 'kindLabel', key: 'kindLabel', render: (v: string) => <Tag>{v}</Tag> },
        {
          title: '标题',
          dataIndex: 'title',
          key: 'title',
          render: (v: string, n) => <Link to={`/notices/${n.id}`}>{v}</Link>,
        },
        {
          title: '发布时间',
          dataIndex: 'publishedAt',
          key: 'publishedAt',
          render: (v: string) => formatTime(v),
        },
      ]}
    />
  );
}

interface CorrectionValues {
  content?: string;
  affectsBids?: boolean;
  deadlineDay?: string;
  deadlineTime?: string;
}

export function CorrectionForm({ project }: { project: ProjectView }) {
  const [form] = Form.useForm<CorrectionValues>();
  const saved = useSaved(project);
  const { message } = App.useApp();
  const affects = Form.useWatch('affectsBids', form);
  const mutation = useMutation({
    mutationFn: (v: CorrectionValues) =>
      correctProject(project.id, {
        content: v.content ?? '',
        affectsBids: v.affectsBids ?? false,
        bidDeadlineAt: v.deadlineDay ? beijingInstant(v.deadlineDay, v.deadlineTime ?? '09:30') : null,
      }),
    onSuccess: (p) => {
      saved(p);
      form.resetFields();
      void message.success(
        `更正公告已发布${p.schedule.bidDeadlineAt ? `，投标截止时间：${formatTime(p.schedule.bidDeadlineAt)}` : ''}`,
      );
    },
    onError: (error) => {
      if (error instanceof ApiError && error.path?.includes('bidDeadline'))
        form.setFields([{ name: 'deadlineDay', errors: [error.message] }]);
      else if (!showFieldErrors(form, ['content'], error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Form<CorrectionValues>
      form={form}
      name="correction"
      layout="vertical"
      disabled={mutation.isPending}
      initialValues={{
        affectsBids: false,
        deadlineTime: beijingParts(project.schedule.bidDeadlineAt)?.time ?? '09:30',
      }}
      onFinish={(v) => mutation.mutate(v)}
      style={{ maxWidth: 720 }}
    >
      <Form.Item label="更正内容" name="content" required rules={[zodRule(correctionBody.shape.content)]}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item
        label="可能影响投标文件编制"
        name="affectsBids"
        valuePropName="checked"
        extra="影响投标文件编制的，距投标截止不足 15 日的，截止时间依法顺延"
      >
        <Switch />
      </Form.Item>
      {affects && (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="新的投标截止日期（可选）" name="deadlineDay">
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="截止时间" name="deadlineTime">
              <Input type="time" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        发布更正公告
      </Button>
    </Form>
  );
}

export function TerminateButton({ project }: { project: ProjectView }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const saved = useSaved(project);
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (reason: string) => terminateProject(project.id, { reason }),
    onSuccess: (p) => {
      saved(p);
      setOpen(false);
      void message.success(
        p.notices.some((n) => n.kind === 'termination') ? '已终止采购并发布终止公告' : '已终止采购',
      );
    },
    onError: (error) => {
      if (!showFieldErrors(form, ['reason'], error)) void message.error(errorMessage(error));
    },
  });
  if (!mayDo(project, 'terminate', 'terminate')) return null;
  const published = project.notices.length > 0;
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        终止采购
      </Button>
      <Modal
        title="终止采购"
        open={open}
        okText="确认终止"
        okButtonProps={{ danger: true, disabled: mutation.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            published ? '终止后将发布终止公告，且不能恢复。' : '终止后不能恢复，所用采购计划可重新立项。'
          }
        />
        <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.reason ?? '')}>
          <Form.Item label="终止原因" name="reason" required rules={[zodRule(terminateBody.shape.reason)]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function DocumentLinks({ project }: { project: ProjectView }) {
  if (!project.abilities.includes('document')) return null;
  return (
    <Space>
      <Button icon={<DownloadOutlined />} href={documentUrl(project.id, 'docx')}>
        下载采购文件 .docx
      </Button>
      <Button icon={<DownloadOutlined />} href={documentUrl(project.id, 'pdf')}>
        PDF
      </Button>
    </Space>
  );
}
