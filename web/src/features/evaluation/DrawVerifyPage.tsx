import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { candidateLabel, PURPOSE_LABELS } from '../../../../src/modules/evaluation/draw.contract.ts';
import { monospace } from '../../shared/format.ts';
import { PortalLayout } from '../portal/PortalLayout.tsx';
import { Hash } from './DrawCard.tsx';
import { parseDrawExport, verifyExport, type Verification } from './verify.ts';

async function check(text: string): Promise<Verification | { error: string }> {
  const parsed = parseDrawExport(text);
  if ('error' in parsed) return parsed;
  return verifyExport(parsed.record);
}

function Names({ ids, v }: { ids: readonly string[]; v: Verification }) {
  if (!ids.length) return <span>—</span>;
  return (
    <Space orientation="vertical" size={0}>
      {ids.map((id) => (
        <span key={id} style={monospace}>
          {candidateLabel(v.record, id)}
        </span>
      ))}
    </Space>
  );
}

function Outcome({ v }: { v: Verification }) {
  const { inputs, result } = v.record;
  const slots = v.replay?.slots ?? result.slots;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {v.ok ? (
        <Alert
          type="success"
          showIcon
          data-testid="verify-verdict"
          title="✓ 验证通过"
          description="按公开的输入和算法在本浏览器重放，抽取种子和每组的抽中、候补及抽取顺序都与记录一致；平台种子与抽取前公布的承诺值相符。"
        />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="verify-verdict"
          title="✗ 验证未通过"
          description={v.reason}
        />
      )}
      <Descriptions size="small" column={1} bordered data-testid="verify-details">
        <Descriptions.Item label="抽取用途">{PURPOSE_LABELS[inputs.purpose]}</Descriptions.Item>
        <Descriptions.Item label="项目标识">
          <span style={monospace}>{inputs.projectId}</span>
        </Descriptions.Item>
        <Descriptions.Item label="抽取事项">{inputs.subject}</Descriptions.Item>
        <Descriptions.Item label="监督人员现场输入">{inputs.supervisorInput}</Descriptions.Item>
        <Descriptions.Item label="平台种子承诺值">
          <Hash value={inputs.serverCommitment} />
        </Descriptions.Item>
        <Descriptions.Item label="平台种子">
          {inputs.serverSeed ? <Hash value={inputs.serverSeed} testId="verify-server-seed" /> : '尚未公开'}
        </Descriptions.Item>
        <Descriptions.Item label="承诺值核对">
          <span data-testid="verify-commitment">
            {v.commitmentOk === null ? (
              <Tag>平台种子尚未公开</Tag>
            ) : v.commitmentOk ? (
              <Tag color="success">✓ SHA-256(平台种子) 与承诺值相符</Tag>
            ) : (
              <Tag color="error">✗ 平台种子与承诺值不符</Tag>
            )}
          </span>
        </Descriptions.Item>
        {inputs.candidateListHash && (
          <Descriptions.Item label="候选名单摘要">
            <Hash value={inputs.candidateListHash} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label="抽取种子（记录）">
          <Hash value={result.seed} />
        </Descriptions.Item>
        <Descriptions.Item label="抽取种子（本机重放）">
          {v.replay ? <Hash value={v.replay.seed} /> : '无法重放'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={slots}
        data-testid="verify-slots"
        title={() => (v.replay ? '本机重放的结果' : '记录中的结果（无法重放）')}
        columns={[
          { title: '抽取组', dataIndex: 'key', key: 'key' },
          {
            title: '候选人数',
            key: 'candidates',
            render: (_: unknown, s) => inputs.slots.find((x) => x.key === s.key)?.candidates.length ?? '—',
          },
          { title: '抽中', key: 'selected', render: (_: unknown, s) => <Names ids={s.selected} v={v} /> },
          {
            title: '候补（按递补顺序）',
            key: 'alternates',
            render: (_: unknown, s) => <Names ids={s.alternates} v={v} />,
          },
        ]}
      />
      {!v.record.candidates && (
        <Typography.Text type="secondary">
          结果公告发布前，记录中只有专家的标识，不含姓名（87号令第四十七条）。
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * 抽取验证 (public): an exported draw record, pasted or uploaded, replayed in this browser with the same
 * contract file the server uses — nothing is sent anywhere.
 */
export function DrawVerifyPage() {
  const [text, setText] = useState('');
  const verify = useMutation({ mutationFn: check });
  const outcome = verify.data;

  return (
    <PortalLayout>
      <Card title="评审专家抽取验证" data-testid="draw-verify">
        <Typography.Paragraph>
          抽取前，平台冻结候选名单，并公布它事先生成的随机种子的承诺值（种子的 SHA-256
          摘要），此后无法更改种子；
          抽取时，监督人员在现场输入一段平台事先无法知道的随机内容，平台把两者合并，按公开算法（zhengcai-draw-v1）算出结果并公开种子。
          因此任何人都可以核对种子与承诺值是否相符，并用同样的算法重放抽取，确认结果没有被操纵。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          在下方粘贴或上传平台导出的抽取记录（JSON
          文件），验证完全在本浏览器中进行，不会上传到任何服务器；也可使用命令行{' '}
          <code>zhengcai draw verify 文件名</code>。
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={() => verify.mutate(text)}>
          <Form.Item label="抽取记录（JSON）" htmlFor="draw-record">
            <Input.TextArea
              id="draw-record"
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={8}
              style={monospace}
              placeholder='{"inputs": {…}, "result": {…}}'
            />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" disabled={!text.trim()} loading={verify.isPending}>
              验证
            </Button>
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.text().then((t) => {
                  setText(t);
                  verify.mutate(t);
                });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>上传文件</Button>
            </Upload>
          </Space>
        </Form>
      </Card>
      {verify.isError && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title="验证时出错，请确认文件内容" />
      )}
      {outcome && (
        <Card style={{ marginTop: 16 }} title="验证结果">
          {'error' in outcome ? (
            <Alert
              type="error"
              showIcon
              data-testid="verify-verdict"
              title="✗ 无法验证"
              description={outcome.error}
            />
          ) : (
            <Outcome v={outcome} />
          )}
        </Card>
      )}
    </PortalLayout>
  );
}
