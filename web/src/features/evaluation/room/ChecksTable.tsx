import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api.ts';
import {
  saveChecks,
  submitPhase,
  roomKey,
  type EvaluationView,
  type RoomBid,
  type RoomLot,
} from './roomApi.ts';

type Kind = 'qualification' | 'compliance';
interface Row {
  key: string;
  kind: Kind;
  clauseId: string;
  text: string;
}
interface Mark {
  pass: boolean | null;
  reason: string;
}
type Marks = Record<string, Record<string, Mark>>;

const KIND_LABELS: Record<Kind, string> = { qualification: '资格性审查', compliance: '符合性审查' };
const MIN_REASON = 4;

export function clauseRows(lot: RoomLot): Row[] {
  return (['qualification', 'compliance'] as const).flatMap((kind) =>
    lot.clauses[kind].map((c) => ({ key: `${kind}:${c.id}`, kind, clauseId: c.id, text: c.text })),
  );
}

function marksFrom(lot: RoomLot): Marks {
  const out: Marks = {};
  for (const c of lot.myChecks) {
    const bid = (out[c.bidId] ??= {});
    bid[`${c.kind}:${c.clauseId}`] = { pass: c.pass, reason: c.reason ?? '' };
  }
  return out;
}

const reasonMissing = (m: Mark | undefined) => m?.pass === false && m.reason.trim().length < MIN_REASON;

/** 资格性和符合性审查 of one bid: pass or fail on each requirement, a fail with its reason; saved per bid. */
function BidChecks({
  room,
  lot,
  bid,
  marks,
  onChange,
  saved,
}: {
  room: EvaluationView;
  lot: RoomLot;
  bid: RoomBid;
  marks: Record<string, Mark>;
  onChange: (key: string, mark: Mark) => void;
  saved: Record<string, Mark>;
}) {
  const queryClient = useQueryClient();
  const rows = clauseRows(lot);
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      saveChecks(room.projectId, lot.lotNo, {
        bidId: bid.bidId,
        results: rows.flatMap((r) => {
          const m = marks[r.key];
          if (!m || m.pass === null) return [];
          return [
            { kind: r.kind, clauseId: r.clauseId, pass: m.pass, reason: m.pass ? null : m.reason.trim() },
          ];
        }),
      }),
    onSuccess: (view) => queryClient.setQueryData(roomKey(room.projectId), view),
  });
  const marked = rows.filter((r) => (marks[r.key]?.pass ?? null) !== null).length;
  const savedCount = rows.filter((r) => saved[r.key] !== undefined).length;
  const dirty = rows.some((r) => {
    const a = marks[r.key];
    const b = saved[r.key];
    if (!a || a.pass === null) return false;
    return !b || a.pass !== b.pass || (!a.pass && a.reason.trim() !== b.reason.trim());
  });
  return (
    <Card
      size="small"
      type="inner"
      data-testid="checks-bid"
      title={
        <Space wrap>
          <span data-testid="checks-bid-label">{bid.label}</span>
          <Tag
            color={savedCount === rows.length && !dirty ? 'success' : 'default'}
            data-testid="checks-saved"
          >
            已保存 {savedCount} / {rows.length} 项
          </Tag>
          {dirty && <Tag color="warning">有未保存的修改</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Button
            onClick={() => {
              for (const r of rows)
                if ((marks[r.key]?.pass ?? null) === null) onChange(r.key, { pass: true, reason: '' });
            }}
          >
            其余全部通过
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={marked === 0}
            onClick={() => {
              const bad = rows.some((r) => reasonMissing(marks[r.key]));
              setInvalid(bad);
              if (!bad) save.mutate();
            }}
          >
            保存
          </Button>
        </Space>
      }
    >
      {save.isError && (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 8 }} />
      )}
      {invalid && (
        <Alert
          type="error"
          showIcon
          data-testid="checks-reason-error"
          title="认定不通过的，请写明理由并引用招标文件的要求（不少于 4 个字）"
          style={{ marginBottom: 8 }}
        />
      )}
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': `check-${r.clauseId}` }) as object}
        columns={[
          { title: '类别', key: 'kind', width: 110, render: (_: unknown, r) => KIND_LABELS[r.kind] },
          { title: '审查项', dataIndex: 'text', key: 'text' },
          {
            title: '结论',
            key: 'pass',
            width: 170,
            render: (_: unknown, r) => {
              const m = marks[r.key];
              return (
                <Radio.Group
                  name={`check-${bid.bidId}-${r.key}`}
                  value={m?.pass ?? null}
                  onChange={(e) =>
                    onChange(r.key, { pass: e.target.value === true, reason: m?.reason ?? '' })
                  }
                >
                  <Radio value={true}>通过</Radio>
                  <Radio value={false}>不通过</Radio>
                </Radio.Group>
              );
            },
          },
          {
            title: '不通过理由',
            key: 'reason',
            width: '35%',
            render: (_: unknown, r) => {
              const m = marks[r.key];
              if (m?.pass !== false) return <Typography.Text type="secondary">—</Typography.Text>;
              const missing = invalid && reasonMissing(m);
              return (
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Input.TextArea
                    aria-label="不通过理由"
                    rows={2}
                    maxLength={1000}
                    status={missing ? 'error' : undefined}
                    placeholder="写明理由，引用招标文件的要求"
                    value={m.reason}
                    onChange={(e) => onChange(r.key, { pass: false, reason: e.target.value })}
                  />
                  {missing && <Typography.Text type="danger">请写明不通过的理由</Typography.Text>}
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

/** What the member recorded, once locked (or once the lot moved on). */
function ReadOnlyChecks({ lot }: { lot: RoomLot }) {
  const rows = clauseRows(lot);
  const saved = marksFrom(lot);
  return (
    <Table
      rowKey="bidId"
      size="small"
      pagination={false}
      dataSource={lot.bids}
      data-testid="my-checks"
      columns={[
        { title: '投标人', dataIndex: 'label', key: 'label' },
        {
          title: '我的审查意见',
          key: 'mine',
          render: (_: unknown, b: RoomBid) => {
            const mine = saved[b.bidId] ?? {};
            const fails = rows.filter((r) => mine[r.key]?.pass === false);
            if (rows.every((r) => mine[r.key] === undefined)) return '—';
            return fails.length === 0 ? (
              <Tag color="success">全部通过</Tag>
            ) : (
              <Space orientation="vertical" size={0}>
                {fails.map((r) => (
                  <span key={r.key}>
                    <Tag color="error">不通过</Tag>
                    {r.text}：{mine[r.key]?.reason}
                  </span>
                ))}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

/**
 * The member's 资格性和符合性审查: a pass/fail on every requirement of every bid, a fail with its reason,
 * saved per bid; then 提交审查结果, after which nothing changes.
 */
export function ChecksTable({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const queryClient = useQueryClient();
  const [marks, setMarks] = useState<Marks>(() => marksFrom(lot));
  const saved = marksFrom(lot);
  const seatId = room.me.seatId ?? '';
  const locked = lot.locked.checks.includes(seatId);
  const submit = useMutation({
    mutationFn: () => submitPhase(room.projectId, lot.lotNo, 'checks'),
    onSuccess: (view) => queryClient.setQueryData(roomKey(room.projectId), view),
  });
  if (locked || lot.status !== 'checking')
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {locked && (
          <Alert
            type="success"
            showIcon
            data-testid="checks-locked"
            title="您已提交本包的审查结果，不能再修改。"
          />
        )}
        <ReadOnlyChecks lot={lot} />
      </Space>
    );
  const unsaved = lot.bids.some((b) =>
    clauseRows(lot).some((r) => {
      const a = marks[b.bidId]?.[r.key];
      const s = saved[b.bidId]?.[r.key];
      return a && a.pass !== null && (!s || s.pass !== a.pass || (!a.pass && s.reason !== a.reason.trim()));
    }),
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="checks-form">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        逐项审查每份投标是否满足资格条件和实质性要求；认定不通过的，须写明理由并引用招标文件的要求。每份投标审查后点击“保存”，全部保存后提交；提交后不能修改。评审委员会按多数意见作出结论（政府采购法实施条例第四十一条）。
      </Typography.Paragraph>
      {lot.bids.map((b) => (
        <BidChecks
          key={b.bidId}
          room={room}
          lot={lot}
          bid={b}
          marks={marks[b.bidId] ?? {}}
          saved={saved[b.bidId] ?? {}}
          onChange={(key, mark) =>
            setMarks((all) => ({ ...all, [b.bidId]: { ...(all[b.bidId] ?? {}), [key]: mark } }))
          }
        />
      ))}
      {submit.isError && (
        <Alert type="error" showIcon data-testid="checks-submit-error" title={errorMessage(submit.error)} />
      )}
      {unsaved && <Alert type="warning" showIcon title="尚有未保存的审查意见，请先保存再提交。" />}
      <Popconfirm
        title="提交审查结果"
        description="提交后不能再修改本包的审查意见。"
        okText="提交"
        cancelText="取消"
        disabled={unsaved}
        onConfirm={() => submit.mutate()}
      >
        <Button
          type="primary"
          loading={submit.isPending}
          disabled={unsaved}
          style={{ alignSelf: 'flex-start' }}
        >
          提交审查结果
        </Button>
      </Popconfirm>
    </Space>
  );
}
