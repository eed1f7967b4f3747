import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PURPOSE_LABELS } from '../../../../src/modules/evaluation/draw.contract.ts';
import { errorMessage } from '../../api.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { downloadDraw, drawFileName, fetchDrawExport, type CommitteeView, type DrawView } from './api.ts';
import { verifyExport, type Verification } from './verify.ts';
import { WitnessDialog } from './WitnessDialog.tsx';

const DRAW_STATUS: Record<DrawView['status'], { label: string; color: string }> = {
  committed: { label: '已公布承诺值，待现场抽取', color: 'processing' },
  drawn: { label: '已抽取', color: 'success' },
  void: { label: '已作废', color: 'default' },
};

/** A hash shown whole, in monospace, with a copy button. */
export function Hash({ value, testId }: { value: string; testId?: string }) {
  return (
    <Typography.Text
      copyable={{ text: value, tooltips: ['复制', '已复制'] }}
      style={monospace}
      data-testid={testId}
    >
      <span style={{ wordBreak: 'break-all' }}>{value}</span>
    </Typography.Text>
  );
}

function LocalCheck({ verification }: { verification: Verification }) {
  return verification.ok ? (
    <Alert
      type="success"
      showIcon
      data-testid="draw-local-verify"
      title="✓ 验证通过：本机按公开算法重放，结果与平台记录一致"
      description={`平台种子与抽取前公布的承诺值相符；抽取种子 ${verification.record.result.seed}。`}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      data-testid="draw-local-verify"
      title="✗ 验证未通过"
      description={verification.reason}
    />
  );
}

/** One draw of the committee: what was committed before the input, and once drawn, the revealed seed. */
export function DrawCard({ committee, draw }: { committee: CommitteeView; draw: DrawView }) {
  const { message } = App.useApp();
  const [verification, setVerification] = useState<Verification | null>(null);
  const may = (a: string) => committee.abilities.includes(a);
  const exporting = useMutation({
    mutationFn: () => fetchDrawExport(draw.id),
    onSuccess: (record) => downloadDraw(record, drawFileName(committee.projectCode, draw.id)),
    onError: (error) => void message.error(errorMessage(error)),
  });
  const verifying = useMutation({
    mutationFn: async () => verifyExport(await fetchDrawExport(draw.id)),
    onSuccess: setVerification,
    onError: (error) => void message.error(errorMessage(error)),
  });
  const status = DRAW_STATUS[draw.status];
  const excluded = draw.exclusions.reduce((sum, e) => sum + e.count, 0);

  return (
    <Card
      size="small"
      type="inner"
      data-testid="draw-card"
      title={
        <Space wrap>
          <span>{PURPOSE_LABELS[draw.purpose]}</span>
          <Tag color={status.color} data-testid="draw-status">
            {status.label}
          </Tag>
        </Space>
      }
      extra={<Link to="/draws/verify">公开验证页面</Link>}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="准备时间">{formatTime(draw.preparedAt)}</Descriptions.Item>
          <Descriptions.Item label="平台种子承诺值">
            <Hash value={draw.serverCommitment} testId="draw-commitment" />
          </Descriptions.Item>
          <Descriptions.Item label="候选名单摘要">
            <Hash value={draw.candidateListHash} testId="draw-candidate-hash" />
          </Descriptions.Item>
          {draw.status === 'drawn' && (
            <>
              <Descriptions.Item label="监督人员现场输入">
                <span data-testid="draw-input">{draw.supervisorInput}</span>
              </Descriptions.Item>
              <Descriptions.Item label="抽取时间">{formatTime(draw.drawnAt)}</Descriptions.Item>
              <Descriptions.Item label="平台种子（抽取后公开）">
                {draw.serverSeed ? <Hash value={draw.serverSeed} testId="draw-server-seed" /> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="抽取种子">
                {draw.seed ? <Hash value={draw.seed} /> : '—'}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={draw.slots}
          data-testid="draw-slots"
          columns={[
            {
              title: '专业',
              key: 'specialty',
              render: (_: unknown, s) => (
                <span>
                  {s.specialtyName}（{s.specialtyCode}）
                  {s.fallbackFrom && (
                    <Tag color="orange" style={{ marginLeft: 8 }}>
                      {s.fallbackFrom} 人数不足，改从上级专业抽取
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: '抽取人数', dataIndex: 'count', key: 'count' },
            { title: '候补人数', dataIndex: 'alternates', key: 'alternates' },
            { title: '候选人数', dataIndex: 'candidates', key: 'candidates' },
          ]}
        />
        <Typography.Text type="secondary" data-testid="draw-exclusions">
          {excluded === 0
            ? '没有专家因回避、请假或地区被排除。'
            : `未纳入候选 ${excluded} 人：${draw.exclusions.map((e) => `${e.reason} ${e.count} 人`).join('；')}。`}
        </Typography.Text>
        {draw.status === 'committed' &&
          (may('witnessDraw') ? (
            <Space wrap>
              <WitnessDialog projectId={committee.projectId} draw={draw} />
              <Typography.Text type="secondary">
                请在评审专家抽取现场，由监督人员输入随机内容。
              </Typography.Text>
            </Space>
          ) : (
            <Alert
              type="info"
              showIcon
              title="承诺值已公布，候选名单已冻结；请通知财政或纪检监督人员到场，在本页点击“现场抽取”输入随机内容。"
            />
          ))}
        {draw.status === 'drawn' && may('exportDraw') && (
          <Space wrap>
            <Button loading={exporting.isPending} onClick={() => exporting.mutate()}>
              导出抽取记录
            </Button>
            <Button loading={verifying.isPending} onClick={() => verifying.mutate()}>
              在本机验证
            </Button>
            <Typography.Text type="secondary">
              导出的文件可用 <code>zhengcai draw verify</code> 或公开验证页面重放。
            </Typography.Text>
          </Space>
        )}
        {verification && <LocalCheck verification={verification} />}
      </Space>
    </Card>
  );
}
