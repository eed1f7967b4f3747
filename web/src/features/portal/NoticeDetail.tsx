import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { portalNoticeView } from '../../../../src/modules/disclosure/portal/contract.ts';
import { api } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { formatYuan } from '../../shared/money.ts';
import { noticeKindColors } from './noticeColors.ts';
import { PortalLayout } from './PortalLayout.tsx';
import { Attachments, CommitteeCard, NoticeTimeline, PublicLoaded } from './PublicProjectParts.tsx';

/** Notices after which a supplier may still take part: the invitation to log in and get the documents. */
const OPEN_KINDS = ['tender', 'prequalification', 'invitation', 'correction'];

/**
 * One notice in full, as published (its text keeps its line breaks), with its attachments, the committee list of
 * a result notice, and the project's other notices.
 */
export function NoticeDetailPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['/api/portal/notices', id],
    queryFn: () => api(`/api/portal/notices/${encodeURIComponent(id)}`, portalNoticeView),
  });
  return (
    <PortalLayout>
      <PublicLoaded query={query} notFound="公告不存在">
        {(notice) => (
          <Card
            title={
              <Space wrap>
                <Tag color={noticeKindColors[notice.kind]}>{notice.kindLabel}</Tag>
                <span data-testid="notice-title">{notice.title}</span>
              </Space>
            }
            extra={<Link to="/notices">返回公告列表</Link>}
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 24 }}>
              <Descriptions.Item label="项目编号">
                <Link to={`/projects/${notice.projectId}`}>{notice.projectCode}</Link>
              </Descriptions.Item>
              <Descriptions.Item label="发布时间">
                {formatTime(notice.publishedAt)}（北京时间）
              </Descriptions.Item>
              <Descriptions.Item label="项目名称" span={2}>
                {notice.projectName}
              </Descriptions.Item>
              <Descriptions.Item label="采购单位">{notice.purchaserNames.join('、')}</Descriptions.Item>
              <Descriptions.Item label="预算金额">{formatYuan(notice.budgetFen)} 元</Descriptions.Item>
              <Descriptions.Item label="采购类别 / 方式">
                {notice.categoryLabel} · {notice.methodLabel}
              </Descriptions.Item>
              <Descriptions.Item label="项目状态">{notice.projectStatusLabel}</Descriptions.Item>
              {notice.bidDeadlineAt && (
                <Descriptions.Item label="投标（响应）截止时间" span={2}>
                  {formatTime(notice.bidDeadlineAt)}（北京时间）
                  {notice.previousDeadlineAt && notice.previousDeadlineAt !== notice.bidDeadlineAt && (
                    <Typography.Text type="secondary">
                      {' '}
                      （原为 {formatTime(notice.previousDeadlineAt)}）
                    </Typography.Text>
                  )}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph
              data-testid="notice-body"
              style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.9 }}
            >
              {notice.body}
            </Typography.Paragraph>
            <Attachments items={notice.attachments} />
            {notice.kind === 'result' && <CommitteeCard committee={notice.committee} />}
            {notice.related.length > 1 && (
              <Card size="small" title="本项目全部公告" style={{ marginTop: 16 }}>
                <NoticeTimeline items={notice.related} current={notice.id} />
              </Card>
            )}
            {OPEN_KINDS.includes(notice.kind) && (
              <Alert
                style={{ marginTop: 16 }}
                type="info"
                showIcon
                title={
                  <span>
                    供应商请<Link to={`/app/projects/${notice.projectId}`}>登录后查看项目</Link>
                    ，下载采购文件并提出澄清问题。
                  </span>
                }
              />
            )}
          </Card>
        )}
      </PublicLoaded>
    </PortalLayout>
  );
}
