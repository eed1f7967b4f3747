import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { PURPOSE_LABELS } from '../../../../../src/modules/evaluation/draw.contract.ts';
import { errorMessage } from '../../../api.ts';
import { committeeKey, fetchCommittee } from '../api.ts';
import { DrawCard } from '../DrawCard.tsx';
import { prepareLotDraw, roomKey, type EvaluationView, type RoomLot } from './roomApi.ts';

const purposeLabel = (p: string) => (p === 'tieBreak' || p === 'lottery' ? PURPOSE_LABELS[p] : p);

/**
 * 抽签 of a lot (得分相同的排序, 合理定价评审抽签法), for the centre and the supervisors: the centre prepares the
 * draw (the commitment is published), a supervisor gives the on-site input; the lot then moves on.
 */
export function LotDraws({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const queryClient = useQueryClient();
  const committee = useQuery({
    queryKey: committeeKey(room.projectId),
    queryFn: () => fetchCommittee(room.projectId),
    refetchInterval: lot.status === 'awaitingDraw' ? 5000 : false,
  });
  // A witnessed draw refreshes the committee (WitnessDialog); the lot moves on with it.
  const updated = committee.dataUpdatedAt;
  useEffect(() => {
    if (updated) void queryClient.invalidateQueries({ queryKey: roomKey(room.projectId) });
  }, [updated, queryClient, room.projectId]);
  const prepare = useMutation({
    mutationFn: () => prepareLotDraw(room.projectId, lot.lotNo),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: committeeKey(room.projectId) });
      await queryClient.invalidateQueries({ queryKey: roomKey(room.projectId) });
    },
  });
  const draws = (committee.data?.draws ?? [])
    .filter((d) => d.subject.startsWith(`lot-${lot.lotNo}:`))
    .reverse();
  const waiting = draws.some((d) => d.status === 'committed');
  const conduct = room.abilities.includes('conduct');
  if (lot.pendingDraws.length === 0 && draws.length === 0)
    return <Typography.Text type="secondary">本包无需抽签。</Typography.Text>;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="lot-draws">
      {lot.pendingDraws.length > 0 && (
        <List
          size="small"
          bordered
          header="待抽签事项"
          dataSource={lot.pendingDraws}
          renderItem={(p) => (
            <List.Item data-testid="pending-draw">
              {purposeLabel(p.purpose)}：{p.candidates} 家投标人参加抽签
            </List.Item>
          )}
        />
      )}
      {conduct && lot.status === 'awaitingDraw' && lot.pendingDraws.length > 0 && !waiting && (
        <Space wrap>
          <Button type="primary" loading={prepare.isPending} onClick={() => prepare.mutate()}>
            准备抽签
          </Button>
          <Typography.Text type="secondary">
            冻结参加抽签的投标人名单，公布平台种子的承诺值；再由监督人员现场输入随机内容。
          </Typography.Text>
        </Space>
      )}
      {prepare.isError && <Alert type="error" showIcon title={errorMessage(prepare.error)} />}
      {committee.isError && <Alert type="error" showIcon title={errorMessage(committee.error)} />}
      {committee.data && draws.map((d) => <DrawCard key={d.id} committee={committee.data} draw={d} />)}
    </Space>
  );
}
