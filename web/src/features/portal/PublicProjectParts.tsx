import { FileWordOutlined, TeamOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type {
  attachment,
  portalNoticeSummary,
  publicCommittee,
} from '../../../../src/modules/disclosure/portal/contract.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { noticeKindColors } from './noticeColors.ts';

type Attachment = z.infer<typeof attachment>;
type Committee = z.infer<typeof publicCommittee>;
type NoticeSummary = z.infer<typeof portalNoticeSummary>;

/** A public page's loading, not-found and error states around its content. */
export function PublicLoaded<T>(props: {
  query: UseQueryResult<T>;
  notFound: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Spin />;
  if (query.isError) {
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <Result
        status="404"
        title={props.notFound}
        extra={
          <Link to="/notices">
            <Button>返回采购公告</Button>
          </Link>
        }
      />
    ) : (
      <Alert type="error" showIcon title={errorMessage(query.error)} />
    );
  }
  return props.children(query.data);
}

/** Files published with a notice: the procurement documents after the result, the contract with its notice. */
export function Attachments({ items }: { items: readonly Attachment[] }) {
  if (!items.length) return null;
  return (
    <Card size="small" title="附件" style={{ marginTop: 16 }} data-testid="notice-attachments">
      <List
        size="small"
        dataSource={[...items]}
        renderItem={(a) => (
          <List.Item>
            <Space>
              <FileWordOutlined style={{ color: '#2b579a' }} />
              <a href={a.url} download>
                {a.name}
              </a>
              <Typography.Text type="secondary">
                {a.kind === 'contract' ? '政府采购合同文本' : '采购文件（随结果公告公开）'}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 评审专家名单 (条例43): public with the result. */
export function CommitteeCard({ committee }: { committee: Committee | null }) {
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="public-committee"
      title={
        <span>
          <TeamOutlined style={{ marginRight: 8 }} />
          评审委员会（评审小组）名单
        </span>
      }
      extra={
        committee?.drawsUrl && (
          <Space size="middle">
            <a href={committee.drawsUrl} download={`${committee.projectCode}-抽取记录.json`}>
              下载专家抽取记录
            </a>
            <Link to="/draws/verify">验证抽取记录</Link>
          </Space>
        )
      }
    >
      {committee ? (
        <>
          <Table
            size="small"
            rowKey={(m) => `${m.role}-${m.name}`}
            pagination={false}
            dataSource={committee.members}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                key: 'name',
                render: (v: string, m) => (
                  <Space>
                    {v}
                    {m.chair && <Tag color="gold">组长</Tag>}
                  </Space>
                ),
              },
              { title: '身份', dataIndex: 'roleLabel', key: 'roleLabel' },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            评审时间：{formatTime(committee.reviewAt)}
            （北京时间）。名单在中标（成交）结果公告后公开（政府采购法实施条例第四十三条）。
          </Typography.Paragraph>
        </>
      ) : (
        <Empty description="评审委员会名单在中标（成交）结果公告后公开" />
      )}
    </Card>
  );
}

/** A project's notices, in the order they went out. */
export function NoticeTimeline({ items, current }: { items: readonly NoticeSummary[]; current?: string }) {
  return (
    <List
      size="small"
      dataSource={[...items]}
      renderItem={(n) => (
        <List.Item>
          <Space wrap>
            <Tag color={noticeKindColors[n.kind]}>{n.kindLabel}</Tag>
            {n.id === current ? (
              <Typography.Text strong>{n.title}</Typography.Text>
            ) : (
              <Link to={`/notices/${n.id}`}>{n.title}</Link>
            )}
            <Typography.Text type="secondary">{formatTime(n.publishedAt)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
