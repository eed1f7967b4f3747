import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { errorMessage } from '../../../api.ts';
import { formatTime } from '../../../shared/format.ts';
import { fetchLetters, lettersKey, markLetterRead, type Letter } from './api.ts';

function LetterCard({ letter }: { letter: Letter }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const read = useMutation({
    mutationFn: () => markLetterRead(letter.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: lettersKey }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      data-testid={`letter-${letter.kind}`}
      title={
        <Space wrap>
          <Tag color={letter.kind === 'award' ? 'green' : 'default'}>{letter.content.title}</Tag>
          <span>
            {letter.projectName}（{letter.projectCode}）第 {letter.lotNo} 包
          </span>
        </Space>
      }
      extra={
        letter.readAt ? (
          <Typography.Text type="secondary">已签收 {formatTime(letter.readAt)}</Typography.Text>
        ) : (
          <Button size="small" loading={read.isPending} onClick={() => read.mutate()}>
            签收
          </Button>
        )
      }
    >
      {letter.content.paragraphs.map((p, i) => (
        <Typography.Paragraph key={i} style={{ marginBottom: 6 }}>
          {p}
        </Typography.Paragraph>
      ))}
      <Typography.Text type="secondary">发出时间：{formatTime(letter.issuedAt)}</Typography.Text>
    </Card>
  );
}

/** 中标（成交）通知书与结果告知书: a bidder's own letters, each with its own rank and the reasons. */
export function LettersPage() {
  const query = useQuery({ queryKey: lettersKey, queryFn: fetchLetters });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        中标（成交）通知书与结果告知书
      </Typography.Title>
      {query.isError && <Alert type="error" title={errorMessage(query.error)} />}
      {query.data && query.data.items.length === 0 && <Empty description="暂无通知书" />}
      <List
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        renderItem={(l) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <LetterCard letter={l} />
            </div>
          </List.Item>
        )}
      />
    </Space>
  );
}
