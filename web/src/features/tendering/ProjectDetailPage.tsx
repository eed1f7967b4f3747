import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api.ts';
import { BiddingPanels } from '../bidding/BiddingPanels.tsx';
import { AwardPanel } from '../award/decision/AwardPanel.tsx';
import { CommitteePanel } from '../evaluation/CommitteePanel.tsx';
import { categoryLabels, labelOf } from '../../shared/labels.ts';
import { formatYuan } from '../../shared/money.ts';
import {
  ApprovalPanel,
  CorrectionForm,
  DocumentLinks,
  NoticesList,
  PublishPanel,
  ScheduleView,
  TerminateButton,
} from './ActionPanels.tsx';
import { editable, fetchProject, mayDo, projectsPath, type ProjectView } from './api.ts';
import { ProjectEditForm } from './ProjectEditForm.tsx';
import { Clarifications } from './Clarifications.tsx';
import { LintPanel } from './LintPanel.tsx';
import { ProjectStatusTag } from './ProjectsPage.tsx';
import { RequirementsEditor } from './RequirementsEditor.tsx';

type StepKey = 'setup' | 'requirements' | 'lint' | 'approval' | 'publish' | 'after';

const PUBLISHED = ['published', 'corrected', 'bidsClosed', 'opened', 'evaluating', 'awarded', 'contracted'];

function stepsOf(project: ProjectView): { key: StepKey; title: string }[] {
  return [
    { key: 'setup', title: '立项' },
    { key: 'requirements', title: '采购需求' },
    { key: 'lint', title: '文件检查' },
    ...(project.methodCheck.requiresApproval ? [{ key: 'approval' as const, title: '采购方式审批' }] : []),
    { key: 'publish', title: '发布公告' },
    { key: 'after', title: '澄清/更正' },
  ];
}

/** Where the project stands in the agent's flow. */
function currentStep(project: ProjectView): StepKey {
  switch (project.status) {
    case 'draft':
      return project.lint ? 'lint' : 'requirements';
    case 'linted':
      return project.methodCheck.requiresApproval ? 'approval' : 'publish';
    case 'approved':
      return 'publish';
    default:
      return PUBLISHED.includes(project.status) || project.notices.length > 0 ? 'after' : 'setup';
  }
}

function MethodCheck({ project }: { project: ProjectView }) {
  const m = project.methodCheck;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="method-check">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label="公开招标数额标准">
          {m.openTenderThreshold
            ? `${formatYuan(m.openTenderThreshold.amountFen)} 元（${m.openTenderThreshold.source}，${m.openTenderThreshold.effectiveFrom} 起）`
            : '未配置'}
        </Descriptions.Item>
        <Descriptions.Item label="达到公开招标标准">{m.reachesOpenTender ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="须采购方式审批">{m.requiresApproval ? '是' : '否'}</Descriptions.Item>
      </Descriptions>
      {m.problems.map((p) => (
        <Alert key={p.code} type="error" showIcon title={p.message} description={`依据：${p.article}`} />
      ))}
      {m.splitting && (
        <Alert
          type="warning"
          showIcon
          data-testid="splitting-warning"
          title={m.splitting.message}
          description={
            <>
              本年度品目 {m.splitting.itemCode} 以非公开招标方式采购合计 {formatYuan(m.splitting.totalFen)}{' '}
              元：
              {m.splitting.projects
                .map((p) => `${p.code} ${p.name}（${formatYuan(p.budgetFen)} 元）`)
                .join('；')}
            </>
          }
        />
      )}
    </Space>
  );
}

function SetupPanel({ project }: { project: ProjectView }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <ProjectEditForm project={project} onDone={() => setEditing(false)} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {editable(project) && (
        <Button onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
          修改立项信息
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        title={() => <Typography.Text strong>包（标段）</Typography.Text>}
        dataSource={project.lots}
        data-testid="project-lots"
        columns={[
          { title: '包号', dataIndex: 'no', key: 'no', render: (v: number) => `第 ${v} 包` },
          { title: '包名称', dataIndex: 'name', key: 'name' },
          { title: '数量', dataIndex: 'quantity', key: 'quantity', render: (v: string | null) => v ?? '—' },
          {
            title: '预算（元）',
            dataIndex: 'budgetFen',
            key: 'budgetFen',
            align: 'right',
            render: (v: string) => formatYuan(v),
          },
          {
            title: '最高限价（元）',
            dataIndex: 'ceilingFen',
            key: 'ceilingFen',
            align: 'right',
            render: (v: string | null) => (v ? formatYuan(v) : '—'),
          },
        ]}
      />
      <Table
        rowKey="planLineId"
        size="small"
        pagination={false}
        title={() => <Typography.Text strong>采购单位份额</Typography.Text>}
        dataSource={project.shares}
        columns={[
          { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
          { title: '品目', key: 'item', render: (_: unknown, r) => `${r.itemName}（${r.itemCode}）` },
          {
            title: '对应包',
            dataIndex: 'lotNo',
            key: 'lotNo',
            render: (v: number | null) => (v ? `第 ${v} 包` : '全部包'),
          },
          { title: '数量', dataIndex: 'quantity', key: 'quantity', render: (v: string | null) => v ?? '—' },
          {
            title: '份额（元）',
            dataIndex: 'amountFen',
            key: 'amountFen',
            align: 'right',
            render: (v: string) => formatYuan(v),
          },
        ]}
      />
      <Typography.Text strong>采购方式检查</Typography.Text>
      <MethodCheck project={project} />
    </Space>
  );
}

function AfterPanel({ project }: { project: ProjectView }) {
  const published = project.notices.length > 0;
  if (!published)
    return <Alert type="info" showIcon title="公告发布后，可在此发布更正公告、答复澄清问题。" />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="公告">
        <NoticesList project={project} />
      </Card>
      <Card size="small" title="采购时间安排">
        <ScheduleView project={project} />
      </Card>
      {mayDo(project, 'correct', 'correct') && (
        <Card size="small" title="发布更正公告">
          <CorrectionForm project={project} />
        </Card>
      )}
      {project.abilities.includes('readClarifications') && <Clarifications projectId={project.id} />}
    </Space>
  );
}

function Overview({ project }: { project: ProjectView }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="project-overview">
      <Descriptions.Item label="项目编号">
        <span data-testid="project-code">{project.code}</span>
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        <ProjectStatusTag status={project.status} label={project.statusLabel} />
      </Descriptions.Item>
      <Descriptions.Item label="预算金额">{formatYuan(project.budgetFen)} 元</Descriptions.Item>
      <Descriptions.Item label="采购类别">{labelOf(categoryLabels, project.category)}</Descriptions.Item>
      <Descriptions.Item label="采购方式">{project.methodLabel}</Descriptions.Item>
      <Descriptions.Item label="包数">{project.lotCount}</Descriptions.Item>
      <Descriptions.Item label="采购单位" span={2}>
        {project.purchaserNames.join('、')}
        {project.purchaserNames.length > 1 && '（打包采购）'}
      </Descriptions.Item>
      <Descriptions.Item label="所属专项">{project.programmeName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="范本">
        {project.template ? `${project.template.title}（第 ${project.template.version} 版）` : '默认范本'}
      </Descriptions.Item>
      {project.methodReason && (
        <Descriptions.Item label="采购方式理由" span={2}>
          {project.methodReason}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** A supplier reaches a published project from its notice: the notice, the documents and the Q&A. */
function SupplierView({ project }: { project: ProjectView }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="公告">
        <NoticesList project={project} />
      </Card>
      <Card size="small" title="采购时间安排">
        <ScheduleView project={project} />
      </Card>
      <Clarifications projectId={project.id} />
    </Space>
  );
}

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: [projectsPath, id], queryFn: () => fetchProject(id) });
  // A step the user opened stays open until the project moves on; then the flow shows the next step.
  const [chosen, setChosen] = useState<{ key: StepKey; stamp: string } | null>(null);

  if (query.isPending) return <Spin />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '项目不存在' : errorMessage(query.error)}
        extra={<Button onClick={() => void navigate('/app/projects')}>返回项目列表</Button>}
      />
    );
  }
  const project = query.data;
  const steps = stepsOf(project);
  const current = currentStep(project);
  const stamp = `${project.status}|${project.lint?.checkedAt ?? ''}|${project.notices.length}`;
  const shown =
    chosen && chosen.stamp === stamp && steps.some((s) => s.key === chosen.key) ? chosen.key : current;
  const currentIndex = steps.findIndex((s) => s.key === current);
  const finished = ['terminated', 'failed'].includes(project.status);
  const supplier = project.abilities.includes('ask');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="project-title">{project.name}</span>
            <ProjectStatusTag status={project.status} label={project.statusLabel} />
          </Space>
        }
        extra={
          <Space wrap>
            <DocumentLinks project={project} />
            <TerminateButton project={project} />
          </Space>
        }
      >
        <Overview project={project} />
        {project.methodCheck.splitting && !supplier && (
          <Alert
            type="warning"
            showIcon
            title={project.methodCheck.splitting.message}
            style={{ marginTop: 8 }}
          />
        )}
        {finished && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} title={`本项目${project.statusLabel}。`} />
        )}
      </Card>
      {supplier ? (
        <SupplierView project={project} />
      ) : (
        <Card>
          <Steps
            current={currentIndex}
            status={finished ? 'error' : 'process'}
            onChange={(i) => {
              const step = steps[i];
              setChosen(step ? { key: step.key, stamp } : null);
            }}
            items={steps.map((s, i) => ({
              title: s.title,
              status:
                i < currentIndex ? 'finish' : i === currentIndex ? (finished ? 'error' : 'process') : 'wait',
            }))}
            style={{ marginBottom: 24 }}
            data-testid="project-steps"
          />
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {steps.find((s) => s.key === shown)?.title}
          </Typography.Title>
          <div data-testid={`panel-${shown}`}>
            {shown === 'setup' && <SetupPanel project={project} />}
            {shown === 'requirements' && <RequirementsEditor key={project.status} project={project} />}
            {shown === 'lint' && <LintPanel project={project} />}
            {shown === 'approval' && <ApprovalPanel project={project} />}
            {shown === 'publish' && <PublishPanel project={project} />}
            {shown === 'after' && <AfterPanel project={project} />}
          </div>
        </Card>
      )}
      <BiddingPanels project={project} />
      <CommitteePanel project={project} />
      <AwardPanel projectId={project.id} status={project.status} />
    </Space>
  );
}
