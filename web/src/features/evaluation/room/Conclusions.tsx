import { Alert, Space, Table, Tag, Typography } from 'antd';
import { failedSchema, parsed, type RoomBid, type RoomLot } from './roomApi.ts';

/**
 * The committee's conclusions per bid once every member locked the checks: the automatic voids (over the
 * ceiling, no deposit) and each requirement failed by the majority, with the votes and the reasons given.
 */
export function Conclusions({ lot }: { lot: RoomLot }) {
  const concluded = lot.bids.some((b) => b.qualified !== null);
  if (!concluded)
    return (
      <Typography.Text type="secondary" data-testid="conclusions-pending">
        全体成员提交审查结果后，按多数意见形成审查结论。
      </Typography.Text>
    );
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {lot.failedReason && <Alert type="error" showIcon title={`本包废标：${lot.failedReason}`} />}
      <Table
        rowKey="bidId"
        size="small"
        pagination={false}
        dataSource={lot.bids}
        data-testid="conclusions"
        onRow={(b) => ({ 'data-testid': `conclusion-${b.label}` }) as object}
        columns={[
          { title: '投标人', dataIndex: 'label', key: 'label' },
          {
            title: '审查结论',
            key: 'qualified',
            width: 110,
            render: (_: unknown, b: RoomBid) =>
              b.qualified ? (
                <Tag color="success" data-testid="conclusion-verdict">
                  合格
                </Tag>
              ) : (
                <Tag color="error" data-testid="conclusion-verdict">
                  不合格
                </Tag>
              ),
          },
          {
            title: '依据',
            key: 'why',
            render: (_: unknown, b: RoomBid) => {
              const failed = parsed(failedSchema, b.failed) ?? [];
              if (b.automatic.length === 0 && failed.length === 0) return '—';
              return (
                <Space orientation="vertical" size={4}>
                  {b.automatic.map((a) => (
                    <span key={a} data-testid="conclusion-automatic">
                      <Tag color="red">投标无效</Tag>
                      {a}
                    </span>
                  ))}
                  {failed.map((f) => (
                    <span key={`${f.kind}:${f.clauseId}`} data-testid="conclusion-failed">
                      <Tag>
                        不通过 {f.votes.fail} 票 / 通过 {f.votes.pass} 票
                      </Tag>
                      {f.clause}
                      {f.reasons.length > 0 && (
                        <Typography.Text type="secondary" style={{ display: 'block' }}>
                          理由：{f.reasons.filter(Boolean).join('；')}
                        </Typography.Text>
                      )}
                    </span>
                  ))}
                </Space>
              );
            },
          },
        ]}
      />
    </Space>
  );
}
