import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api.ts';
import { roomKey, signDeclaration, type EvaluationView } from './roomApi.ts';

/**
 * 评审专家承诺书: before any bid is shown, the member reads the bidders of the project (the opening record is
 * public) and declares it has no conflict of interest with any of them (条例9), or asks to withdraw.
 */
export function Declaration({ room }: { room: EvaluationView }) {
  const queryClient = useQueryClient();
  const [read, setRead] = useState(false);
  const sign = useMutation({
    mutationFn: () => signDeclaration(room.projectId),
    onSuccess: (view) => queryClient.setQueryData(roomKey(room.projectId), view),
  });
  return (
    <Card title="评审专家承诺书" data-testid="declaration">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph data-testid="declaration-text" style={{ marginBottom: 0 }}>
          {room.me.declaration}
        </Typography.Paragraph>
        <List
          size="small"
          bordered
          header={`本项目投标人（共 ${room.bidders.length} 家）`}
          dataSource={room.bidders}
          data-testid="declaration-bidders"
          renderItem={(name) => <List.Item>{name}</List.Item>}
        />
        <Alert
          type="warning"
          showIcon
          title="与上列任一投标人存在利害关系的，请不要签署，立即向采购中心申请回避。"
        />
        <Checkbox checked={read} onChange={(e) => setRead(e.target.checked)}>
          我已阅读上述承诺，并确认与上列投标人不存在利害关系
        </Checkbox>
        {sign.isError && <Alert type="error" showIcon title={errorMessage(sign.error)} />}
        <Button
          type="primary"
          disabled={!read}
          loading={sign.isPending}
          onClick={() => sign.mutate()}
          style={{ alignSelf: 'flex-start' }}
        >
          签署承诺书
        </Button>
      </Space>
    </Card>
  );
}
