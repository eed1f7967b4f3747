import { Alert, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { formatYuan } from '../../../shared/money.ts';
import { labelOf, memberName } from './common.tsx';
import { parsed, rankingSchema, type EvaluationView, type Ranking, type RoomLot } from './roomApi.ts';

type Entry = Ranking['entries'][number];

/** A score rounded to two decimals, the exact value (a fraction when it does not terminate) on hover. */
function Score({ value, testId }: { value: { exact: string; rounded: string } | null; testId?: string }) {
  if (!value) return <span>—</span>;
  return (
    <Tooltip title={`精确值：${value.exact}`}>
      <span data-testid={testId} data-exact={value.exact} style={{ borderBottom: '1px dotted #999' }}>
        {value.rounded}
      </span>
    </Tooltip>
  );
}

/** 评分畸高、畸低 (87号令64): shown to the chair and the watchers once every score is in. */
export function Deviations({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  if (lot.deviations.length === 0) return null;
  const factor = (id: string) => lot.scoringItems.find((i) => i.id === id)?.factor ?? id;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="deviations"
      title="评分畸高、畸低提示（87号令第六十四条）：评审委员会应当要求相关成员作出书面说明"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {lot.deviations.map((d) => (
            <li key={`${d.seatId}:${d.criterionId}:${d.bidId ?? ''}`} data-testid="deviation">
              {memberName(room, d.seatId)} 对 {labelOf(lot, d.bidId)} 的“{factor(d.criterionId)}”评 {d.points}{' '}
              分，其他成员在 {d.low} 至 {d.high} 分之间
            </li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * 排序: each qualified bid with its price, the evaluated price after policy deductions (with their basis), the
 * committee's item scores (members' averages), the price score and the total — rounded, the exact value on
 * hover — and the recommended candidates.
 */
export function RankingTable({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const ranking = parsed(rankingSchema, lot.ranking);
  if (!ranking)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="ranking-pending">
          {lot.status === 'awaitingDraw'
            ? '得分相同或采用抽签法，待抽签后确定排序。'
            : '评审完成评分后，平台按评审价格计算价格分并排序。'}
        </Typography.Text>
        <Deviations room={room} lot={lot} />
      </Space>
    );
  const deviating = new Set(lot.deviations.map((d) => `${d.bidId ?? ''}:${d.criterionId}`));
  const scored = ranking.entries.some((e) => e.total !== null);
  const candidates = new Set(ranking.candidates);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table<Entry>
        rowKey="bidId"
        size="small"
        pagination={false}
        dataSource={ranking.entries}
        scroll={{ x: true }}
        data-testid="ranking"
        onRow={(e) => ({ 'data-testid': 'ranking-row', 'data-bid': labelOf(lot, e.bidId) }) as object}
        columns={[
          { title: '排名', dataIndex: 'rank', key: 'rank', width: 60 },
          {
            title: '投标人',
            key: 'bidder',
            render: (_: unknown, e) => (
              <Space wrap>
                <span data-testid="ranking-bidder">
                  {lot.bids.some((b) => b.bidId === e.bidId) ? labelOf(lot, e.bidId) : e.supplierName}
                </span>
                {candidates.has(e.bidId) && (
                  <Tag color="gold" data-testid="ranking-candidate">
                    中标候选人
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: '投标报价（元）',
            key: 'price',
            render: (_: unknown, e) => <span data-testid="ranking-price">{formatYuan(e.priceFen)}</span>,
          },
          {
            title: '评审价格（元）',
            key: 'evaluated',
            render: (_: unknown, e) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="ranking-evaluated">{formatYuan(e.evaluatedFen)}</span>
                {e.deductions.map((d) => (
                  <Typography.Text
                    key={d.kind}
                    type="secondary"
                    style={{ fontSize: 12 }}
                    data-testid="ranking-deduction"
                  >
                    扣除 {d.rateBp / 100}%（{formatYuan(d.amountFen)} 元）：{d.basis}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          ...(scored
            ? [
                ...lot.scoringItems.map((it, i) => ({
                  title: `${it.factor}（${it.maxPoints}）`,
                  key: `item-${it.id}`,
                  render: (_: unknown, e: Entry) => {
                    const s =
                      e.itemScores[i]?.itemId === it.id
                        ? e.itemScores[i]
                        : e.itemScores.find((x) => x.itemId === it.id);
                    const flagged = deviating.has(`${e.bidId}:${it.id}`);
                    return (
                      <span style={flagged ? { background: '#fff7e6', padding: '0 4px' } : undefined}>
                        <Score value={s ?? null} />
                        {flagged && (
                          <Tag color="orange" style={{ marginLeft: 4 }} data-testid="ranking-deviation">
                            评分畸高畸低
                          </Tag>
                        )}
                      </span>
                    );
                  },
                })),
                {
                  title: `价格分（${(lot.priceWeightBp ?? 0) / 100}）`,
                  key: 'priceScore',
                  render: (_: unknown, e: Entry) => (
                    <Score value={e.priceScore} testId="ranking-price-score" />
                  ),
                },
                {
                  title: '总分',
                  key: 'total',
                  render: (_: unknown, e: Entry) => (
                    <strong>
                      <Score value={e.total} testId="ranking-total" />
                    </strong>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Deviations room={room} lot={lot} />
      {ranking.sameBrand.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`同品牌投标：${ranking.sameBrand
            .map(
              (g) =>
                `“${g.brand}”只取一家参加排序（${g.others.map((id) => labelOf(lot, id)).join('、')} 不参加）`,
            )
            .join('；')}`}
        />
      )}
    </Space>
  );
}
