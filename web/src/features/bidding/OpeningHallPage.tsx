import { ArrowLeftOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { formatYuan } from '../../shared/money.ts';
import { fetchProject, projectsPath } from '../tendering/api.ts';
import { ProjectStatusTag } from '../tendering/ProjectsPage.tsx';
import {
  downloadRecord,
  fetchOpening,
  openingKey,
  startOpening,
  type OpeningLot,
  type OpeningRecord,
  type OpeningView,
} from './OpeningHallApi.ts';
import { OpeningHallDecrypt } from './OpeningHallDecrypt.tsx';
import { OpeningHallObjections } from './OpeningHallObjections.tsx';

/**
 * The hall is kept live by polling GET …/opening every few seconds. Every answer is read from the database —
 * lot states, shares handed in, signed records, objections — and the server holds no opening state in memory,
 * so any of several server processes behind a load balancer gives the same answer without sticky sessions,
 * a message bus or shared sockets; a process restarting mid-opening loses nothing.
 */
const POLL_MS = 3_000;

const SME_LABELS: Record<string, string> = {
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
  none: '非中小企业',
};

function LotStatus({ lot }: { lot: OpeningLot }) {
  if (lot.status === 'opened')
    return (
      <Tag color="green" data-testid="lot-status">
        已开标
      </Tag>
    );
  if (lot.status === 'awaitingKeys')
    return (
      <Tag color="processing" data-testid="lot-status">
        等待解密
      </Tag>
    );
  return (
    <Tag color="red" data-testid="lot-status">
      {lot.bidCount < 3 ? '不予开标 — 投标人不足三家' : '不予开标'}
    </Tag>
  );
}

type Entry = OpeningRecord['statement']['entries'][number];

function RecordTable({ record }: { record: OpeningRecord }) {
  const { entries } = record.statement;
  // Other read-out items (交货期, 质保期 …), in the order they first appear.
  const itemNames = [...new Set(entries.flatMap((e) => Object.keys(e.items)))];
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table<Entry>
        rowKey="bidId"
        size="small"
        pagination={false}
        dataSource={entries}
        data-testid="opening-record"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '投标人', dataIndex: 'supplierName', key: 'supplierName' },
          {
            title: '投标报价（元）',
            key: 'price',
            align: 'right',
            render: (_: unknown, e) =>
              e.opened && e.priceFen !== null ? (
                <span style={monospace} data-testid="record-price">
                  {formatYuan(e.priceFen)}
                </span>
              ) : (
                <Typography.Text type="danger">未能解密</Typography.Text>
              ),
          },
          ...itemNames.map((name) => ({
            title: name,
            key: `item:${name}`,
            render: (_: unknown, e: Entry) => e.items[name] ?? '—',
          })),
          {
            title: '中小企业声明',
            key: 'sme',
            render: (_: unknown, e) => (e.smeSize ? (SME_LABELS[e.smeSize] ?? e.smeSize) : '—'),
          },
          {
            title: '递交时间',
            key: 'submittedAt',
            render: (_: unknown, e) => formatTime(e.submittedAt),
          },
        ]}
      />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" data-testid="record-signed">
          <SafetyCertificateOutlined /> 记录已由平台签名（Ed25519，签名密钥 {record.keyId}），开标时间{' '}
          {formatTime(record.statement.openedAt)}
          {record.statement.ceilingFen !== null && `；最高限价 ${formatYuan(record.statement.ceilingFen)} 元`}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={() => downloadRecord(record)}>
          下载开标记录
        </Button>
      </Space>
    </Space>
  );
}

function LotCard({ lot }: { lot: OpeningLot }) {
  const keyed = lot.status !== 'notOpened';
  const of = (n: number) => `${n} / ${lot.bidCount}`;
  return (
    <Card
      size="small"
      title={`第 ${lot.lotNo} 包 ${lot.lotName}`}
      extra={<LotStatus lot={lot} />}
      data-testid={`lot-${lot.lotNo}`}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 5 }}>
          <Descriptions.Item label="投标人数">
            <span data-testid="lot-bid-count">{lot.bidCount}</span>
          </Descriptions.Item>
          {keyed && (
            <>
              <Descriptions.Item label="已解密">
                <span data-testid="lot-opened-count">{of(lot.bidsOpened)}</span>
              </Descriptions.Item>
              <Descriptions.Item label="采购中心分量">{of(lot.sharesIn.centre)}</Descriptions.Item>
              <Descriptions.Item label="财政监督分量">{of(lot.sharesIn.supervisor)}</Descriptions.Item>
              <Descriptions.Item label="投标人分量">{of(lot.sharesIn.bidder)}</Descriptions.Item>
            </>
          )}
        </Descriptions>
        {lot.status === 'notOpened' && (
          <Alert
            type="warning"
            showIcon
            data-testid="lot-not-opened"
            title={`${lot.ground ?? '不予开标。'}投标文件不解密。`}
            description={
              lot.nextSteps.length > 0 && (
                <>
                  <Typography.Text>采购人可以：</Typography.Text>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {lot.nextSteps.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </>
              )
            }
          />
        )}
        {lot.record && <RecordTable record={lot.record} />}
      </Space>
    </Card>
  );
}

function StartButton({ projectId }: { projectId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: () => startOpening(projectId),
    onSuccess: (view) => {
      queryClient.setQueryData(openingKey(projectId), view);
      void queryClient.invalidateQueries({ queryKey: [projectsPath, projectId] });
      void message.success(view.status === 'failed' ? '各包投标人均不足三家，本项目废标' : '开标已开始');
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Popconfirm
      title="开始开标"
      description="开始后不再接收投标文件；投标人不足三家的包不予开标，其余各包等待密钥持有人解密。"
      okText="确认开标"
      cancelText="取消"
      onConfirm={() => mutation.mutate()}
    >
      <Button type="primary" loading={mutation.isPending}>
        开始开标
      </Button>
    </Popconfirm>
  );
}

function Header({ view }: { view: OpeningView }) {
  const project = useQuery({
    queryKey: [projectsPath, view.projectId],
    queryFn: () => fetchProject(view.projectId),
  });
  const name = project.data?.name ?? view.lots.find((l) => l.record)?.record?.statement.projectName;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="opening-header">
      <Descriptions.Item label="项目编号">
        <span data-testid="opening-project-code">{view.projectCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label="项目名称">{name ?? '…'}</Descriptions.Item>
      <Descriptions.Item label="项目状态">
        {project.data ? (
          <ProjectStatusTag status={project.data.status} label={project.data.statusLabel} />
        ) : (
          '…'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="开标时间">{formatTime(view.openingAt)}</Descriptions.Item>
      <Descriptions.Item label="开标地点">{view.openingPlace ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="密钥保管人">
        <span data-testid="opening-custodians">
          {view.custodians.length ? view.custodians.join('、') : '未指定'}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}

function Hall({ view }: { view: OpeningView }) {
  const failed = view.status === 'failed';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {!view.started ? (
        <Alert
          type="info"
          showIcon
          data-testid="opening-not-started"
          title={`开标尚未开始。开标时间：${formatTime(view.openingAt)}`}
          description={
            view.abilities.includes('start')
              ? '开标时间到后，由采购代理机构开始开标；投标截止前不能开标。'
              : '开标开始后，本页自动显示各包的解密进度与开标记录。'
          }
        />
      ) : (
        failed && (
          <Alert
            type="error"
            showIcon
            title="各包投标人均不足三家，不予开标，本项目废标（政府采购法第三十六条）。"
          />
        )
      )}
      {/* The 解密 panel is offered while a lot waits for keys; once every lot is settled it has no more use. */}
      {view.holder &&
        view.abilities.includes('handIn') &&
        view.lots.some((l) => l.status === 'awaitingKeys') && (
          <OpeningHallDecrypt projectId={view.projectId} holder={view.holder} />
        )}
      {view.lots.map((lot) => (
        <LotCard key={lot.lotNo} lot={lot} />
      ))}
      {view.started && <OpeningHallObjections view={view} />}
    </Space>
  );
}

/** 开标大厅: the opening of one project, as the agent, the custodians, the supervisors and the bidders see it. */
export function OpeningHallPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: openingKey(id),
    queryFn: () => fetchOpening(id),
    refetchInterval: POLL_MS,
  });
  const back = (
    <Link to={`/app/projects/${id}`}>
      <ArrowLeftOutlined /> 返回项目
    </Link>
  );

  if (query.isPending) return <Spin />;
  const view = query.data;
  // A failed poll keeps the last answer on screen with a warning; only a first load that fails is an error.
  if (!view) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={errorMessage(query.error)} extra={back} />;
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="opening-hall">
      <Card
        title="开标大厅"
        extra={
          <Space wrap>
            {view.abilities.includes('start') && <StartButton projectId={view.projectId} />}
            {back}
          </Space>
        }
      >
        <Header view={view} />
        {query.isError && <Alert type="warning" showIcon title={`刷新失败：${errorMessage(query.error)}`} />}
      </Card>
      <Hall view={view} />
    </Space>
  );
}
