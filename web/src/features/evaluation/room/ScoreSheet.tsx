import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api.ts';
import { scorableBids } from './common.tsx';
import { saveScores, submitPhase, roomKey, type EvaluationView, type RoomLot } from './roomApi.ts';

type Item = RoomLot['scoringItems'][number];
type Sheet = Record<string, Record<string, string | null>>;

function sheetFrom(lot: RoomLot): Sheet {
  const out: Sheet = {};
  for (const s of lot.myScores) (out[s.bidId] ??= {})[s.itemId] = s.points;
  return out;
}

/** Points as the server takes them: up to three digits, at most two decimals, within 0 and the item's full score. */
function valid(points: string, max: string): boolean {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(points)) return false;
  const centi = (p: string) => {
    const [i = '0', f = ''] = p.split('.');
    return Number(i) * 100 + Number(f.padEnd(2, '0'));
  };
  return centi(points) <= centi(max);
}

/** Trailing zeros of the decimals dropped, as the server answers (“38.00” and “38” are the same points). */
const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : Number(a) === Number(b);

/**
 * 评分表: the member's points per bid and item, each within 0 and the item's full score, at most two decimals;
 * saved, then 提交评分 — locked afterwards. While blind, every bid by its code; afterwards the qualified bids.
 */
export function ScoreSheet({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const queryClient = useQueryClient();
  const blind = lot.status === 'blindScoring';
  const phase = blind ? 'blind' : 'scores';
  const bids = scorableBids(lot);
  const [sheet, setSheet] = useState<Sheet>(() => sheetFrom(lot));
  const [invalid, setInvalid] = useState<string | null>(null);
  const saved = sheetFrom(lot);
  const seatId = room.me.seatId ?? '';
  const locked = (blind ? lot.locked.blind : lot.locked.scores).includes(seatId);
  const open = (lot.status === 'scoring' || blind) && !locked;
  const setView = (view: EvaluationView) => queryClient.setQueryData(roomKey(room.projectId), view);
  const save = useMutation({
    mutationFn: async () => {
      let view: EvaluationView | null = null;
      for (const b of bids) {
        const items = lot.scoringItems.flatMap((it) => {
          const p = sheet[b.bidId]?.[it.id];
          return p === null || p === undefined || p === '' ? [] : [{ itemId: it.id, points: p }];
        });
        if (items.length) view = await saveScores(room.projectId, lot.lotNo, { bidId: b.bidId, items });
      }
      return view;
    },
    onSuccess: (view) => view && setView(view),
  });
  const submit = useMutation({
    mutationFn: () => submitPhase(room.projectId, lot.lotNo, phase),
    onSuccess: setView,
  });
  const dirty = bids.some((b) =>
    lot.scoringItems.some((it) => !same(sheet[b.bidId]?.[it.id], saved[b.bidId]?.[it.id])),
  );
  const filled = bids.reduce(
    (n, b) => n + lot.scoringItems.filter((it) => (saved[b.bidId]?.[it.id] ?? null) !== null).length,
    0,
  );
  const total = bids.length * lot.scoringItems.length;
  const sumOf = (bidId: string) =>
    lot.scoringItems.reduce((s, it) => s + Math.round(Number(sheet[bidId]?.[it.id] ?? 0) * 100), 0) / 100;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="score-sheet">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {blind
          ? '暗标评分：按评分标准对各投标人的暗标技术文件独立评分，不得协商评分。'
          : '按招标文件的评分标准独立评分，每项不超过该项分值，最多两位小数；价格分由平台按评审价格计算。'}
        全部评分保存后提交；提交后不能修改。
      </Typography.Paragraph>
      {locked && (
        <Alert type="success" showIcon data-testid="scores-locked" title="您已提交本包的评分，不能再修改。" />
      )}
      <Table<Item>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={lot.scoringItems}
        scroll={{ x: true }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              合计（不含价格分）
            </Table.Summary.Cell>
            {bids.map((b, i) => (
              <Table.Summary.Cell key={b.bidId} index={i + 2}>
                <span data-testid="score-sum">{sumOf(b.bidId).toFixed(2)}</span>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
        columns={[
          {
            title: '评分因素',
            key: 'factor',
            render: (_: unknown, it) => (
              <span>
                {it.factor}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {it.text}
                </Typography.Text>
              </span>
            ),
          },
          { title: '分值', dataIndex: 'maxPoints', key: 'max', width: 80 },
          ...bids.map((b) => ({
            title: b.label,
            key: b.bidId,
            width: 150,
            render: (_: unknown, it: Item) => {
              const value = sheet[b.bidId]?.[it.id] ?? null;
              if (!open) return <span data-testid="my-points">{value ?? '—'}</span>;
              return (
                <InputNumber<string>
                  stringMode
                  aria-label={`${b.label} ${it.factor}`}
                  min="0"
                  max={it.maxPoints}
                  precision={2}
                  step="0.5"
                  value={value}
                  status={value !== null && value !== '' && !valid(value, it.maxPoints) ? 'error' : undefined}
                  onChange={(v) =>
                    setSheet((all) => ({ ...all, [b.bidId]: { ...(all[b.bidId] ?? {}), [it.id]: v } }))
                  }
                />
              );
            },
          })),
        ]}
      />
      {open && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={filled === total && !dirty ? 'success' : 'default'} data-testid="scores-saved">
              已保存 {filled} / {total} 项
            </Tag>
            {dirty && <Tag color="warning">有未保存的修改</Tag>}
          </Space>
          {invalid && <Alert type="error" showIcon title={invalid} data-testid="scores-invalid" />}
          {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} />}
          {submit.isError && (
            <Alert
              type="error"
              showIcon
              data-testid="scores-submit-error"
              title={errorMessage(submit.error)}
            />
          )}
          <Space>
            <Button
              loading={save.isPending}
              disabled={!dirty}
              onClick={() => {
                const bad = bids.flatMap((b) =>
                  lot.scoringItems.flatMap((it) => {
                    const v = sheet[b.bidId]?.[it.id];
                    return v !== null && v !== undefined && v !== '' && !valid(v, it.maxPoints)
                      ? [`${b.label}“${it.factor}”应在 0 至 ${it.maxPoints} 分之间，最多两位小数`]
                      : [];
                  }),
                );
                setInvalid(bad.length ? bad.join('；') : null);
                if (!bad.length) save.mutate();
              }}
            >
              保存评分
            </Button>
            <Popconfirm
              title="提交评分"
              description="提交后不能再修改本包的评分。"
              okText="提交"
              cancelText="取消"
              disabled={dirty}
              onConfirm={() => submit.mutate()}
            >
              <Button type="primary" loading={submit.isPending} disabled={dirty}>
                提交评分
              </Button>
            </Popconfirm>
          </Space>
        </Space>
      )}
    </Space>
  );
}
