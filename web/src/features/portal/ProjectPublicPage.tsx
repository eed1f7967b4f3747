import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { publicProjectView } from '../../../../src/modules/disclosure/portal/contract.ts';
import { api } from '../../api.ts';
import { formatYuan } from '../../shared/money.ts';
import { PortalLayout } from './PortalLayout.tsx';
import { Attachments, CommitteeCard, NoticeTimeline, PublicLoaded } from './PublicProjectParts.tsx';

/** A project's public page: its facts, each lot's public result, its notices, files and committee list. */
export function ProjectPublicPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['/api/portal/projects', id],
    queryFn: () => api(`/api/portal/projects/${encodeURIComponent(id)}`, publicProjectView),
  });
  return (
    <PortalLayout>
      <PublicLoaded query={query} notFound="项目不存在或尚未公告">
        {(p) => (
          <Card title={<span data-testid="project-title">{p.name}</span>} extra={<Tag>{p.statusLabel}</Tag>}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label="项目编号">{p.code}</Descriptions.Item>
              <Descriptions.Item label="首次公告日期">{p.noticePublishedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="采购单位" span={2}>
                {p.purchaserNames.join('、')}
              </Descriptions.Item>
              <Descriptions.Item label="采购类别 / 方式">
                {p.categoryLabel} · {p.methodLabel}
              </Descriptions.Item>
              <Descriptions.Item label="预算金额">{formatYuan(p.budgetFen)} 元</Descriptions.Item>
              <Descriptions.Item label="已公告合同金额" span={2}>
                {p.contractAmountFen ? `${formatYuan(p.contractAmountFen)} 元` : '—'}
              </Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey="no"
              pagination={false}
              dataSource={p.lots}
              columns={[
                { title: '包号', dataIndex: 'no', key: 'no', render: (v: number) => `第${v}包` },
                { title: '名称', dataIndex: 'name', key: 'name' },
                {
                  title: '预算（元）',
                  dataIndex: 'budgetFen',
                  key: 'budgetFen',
                  align: 'right',
                  render: (v: string) => formatYuan(v),
                },
                {
                  title: '中标（成交）供应商',
                  key: 'winner',
                  render: (_: unknown, l) => l.winner?.supplierName ?? '—',
                },
                {
                  title: '中标（成交）金额（元）',
                  key: 'amount',
                  align: 'right',
                  render: (_: unknown, l) => (l.winner ? formatYuan(l.winner.amountFen) : '—'),
                },
              ]}
            />
            <Card size="small" title="公告" style={{ marginTop: 16 }}>
              <NoticeTimeline items={p.notices} />
            </Card>
            <Attachments items={p.attachments} />
            <CommitteeCard committee={p.committee} />
          </Card>
        )}
      </PublicLoaded>
    </PortalLayout>
  );
}
