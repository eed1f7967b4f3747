import { Alert, List, Space, Table, Tag, Typography } from 'antd';
import { formatYuan } from '../../../shared/money.ts';
import {
  documentUrl,
  parsed,
  scanSchema,
  type EvaluationView,
  type RoomBid,
  type RoomLot,
} from './roomApi.ts';

const SEVERITY: Record<string, { label: string; color: string }> = {
  high: { label: '高', color: 'red' },
  medium: { label: '中', color: 'orange' },
  low: { label: '低', color: 'default' },
};

/** 暗标信息泄露检查: what the platform found identifying the bidder in its anonymised part. */
function ScanFindings({ bid }: { bid: RoomBid }) {
  const reports = parsed(scanSchema, bid.scan);
  if (!reports || reports.length === 0) return null;
  const findings = reports.flatMap((r) => r.findings.map((f) => ({ ...f, fileName: r.fileName })));
  if (findings.length === 0)
    return (
      <Typography.Text type="success" data-testid="scan-clean">
        暗标信息泄露检查：未发现可识别投标人身份的信息。
      </Typography.Text>
    );
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="scan-findings"
      title={`暗标信息泄露检查：发现 ${findings.length} 处可能识别投标人身份的信息`}
      description={
        <List
          size="small"
          dataSource={findings}
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
                <Tag color={SEVERITY[f.severity]?.color}>{SEVERITY[f.severity]?.label ?? f.severity}</Tag>
                <span>
                  {f.where}：{f.message}
                </span>
                {f.excerpt && <Typography.Text type="secondary">{f.excerpt}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}

/** The bids of the lot and their documents (decrypted at the opening); only 投标人A… parts while blind. */
export function Documents({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const canDownload = room.me.member ? room.me.declared : true;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {lot.status === 'blindScoring' && (
        <Alert
          type="info"
          showIcon
          title="暗标评分阶段：投标人以随机代码显示，只能查看暗标技术文件；全体成员提交暗标评分后显示投标人名称。"
        />
      )}
      <Table
        rowKey="bidId"
        size="small"
        pagination={false}
        dataSource={lot.bids}
        data-testid="room-bids"
        locale={{ emptyText: '本包没有开标的投标' }}
        columns={[
          { title: '投标人', dataIndex: 'label', key: 'label' },
          {
            title: '投标报价（元）',
            key: 'price',
            render: (_: unknown, b: RoomBid) => (b.priceFen === null ? '—' : formatYuan(b.priceFen)),
          },
          {
            title: '投标文件',
            key: 'documents',
            render: (_: unknown, b: RoomBid) => (
              <Space orientation="vertical" size={4}>
                {b.documents.length === 0 && '—'}
                {b.documents.map((d) =>
                  canDownload ? (
                    <a
                      key={d.part}
                      href={documentUrl(room.projectId, b.bidId, d.part)}
                      download
                      data-testid="bid-document"
                    >
                      {d.name}
                    </a>
                  ) : (
                    <span key={d.part}>{d.name}</span>
                  ),
                )}
                <ScanFindings bid={b} />
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
