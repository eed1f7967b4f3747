import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../../api.ts';
import { formatTime } from '../../../shared/format.ts';
import { Hash } from '../DrawCard.tsx';
import { METHOD_LABELS } from './common.tsx';
import {
  downloadJson,
  parsed,
  reportSchema,
  roomKey,
  signedReportSchema,
  signReport,
  type EvaluationView,
  type RoomLot,
} from './roomApi.ts';

type Signature = RoomLot['signatures'][number];

/** 签署: agree, or dissent with the reasons (条例41); what is signed is the report's hash. */
function SignForm({ room, lot, reportHash }: { room: EvaluationView; lot: RoomLot; reportHash: string }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ agree?: boolean; dissent?: string }>();
  const agree = Form.useWatch('agree', form);
  const sign = useMutation({
    mutationFn: (v: { agree: boolean; dissent: string | null }) =>
      signReport(room.projectId, lot.lotNo, { ...v, reportHash }),
    onSuccess: (view) => queryClient.setQueryData(roomKey(room.projectId), view),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name={`sign-${lot.lotNo}`}
      disabled={sign.isPending}
      data-testid="sign-form"
      initialValues={{ agree: true }}
      onFinish={(v) =>
        sign.mutate(
          v.agree === false
            ? { agree: false, dissent: (v.dissent ?? '').trim() }
            : { agree: true, dissent: null },
        )
      }
    >
      <Form.Item label="签署意见" name="agree">
        <Radio.Group name={`agree-${lot.lotNo}`}>
          <Radio value={true}>同意评审报告</Radio>
          <Radio value={false}>持不同意见</Radio>
        </Radio.Group>
      </Form.Item>
      {agree === false && (
        <Form.Item
          label="不同意见及理由"
          name="dissent"
          extra="持不同意见的，应当在评审报告上签署不同意见并说明理由，否则视为同意（政府采购法实施条例第四十一条）。"
          rules={[
            { required: true, whitespace: true, message: '持不同意见的，请写明理由' },
            { min: 4, message: '持不同意见的，请写明理由' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      )}
      {sign.isError && (
        <Alert type="error" showIcon title={errorMessage(sign.error)} style={{ marginBottom: 12 }} />
      )}
      <Button type="primary" htmlType="submit" loading={sign.isPending}>
        签署评审报告
      </Button>
    </Form>
  );
}

/**
 * 评审报告: its summary and SHA-256, the members' signatures (dissents with their reasons), and once everyone
 * has signed, the platform's signature over the whole, downloadable as JSON.
 */
export function ReportPanel({ room, lot }: { room: EvaluationView; lot: RoomLot }) {
  const report = parsed(reportSchema, lot.report);
  const signed = parsed(signedReportSchema, lot.signedReport);
  if (!report || !lot.reportHash)
    return (
      <Typography.Text type="secondary" data-testid="report-pending">
        排序确定后，平台生成评审报告，由全体成员签署。
      </Typography.Text>
    );
  const signedBy = new Set(lot.signatures.map((s) => s.seatId));
  const waiting = room.members.filter((m) => !signedBy.has(m.seatId));
  const mine = room.me.seatId ? lot.signatures.find((s) => s.seatId === room.me.seatId) : undefined;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="report">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="项目">
          {report.projectCode} {report.projectName}
        </Descriptions.Item>
        <Descriptions.Item label="包">
          第 {report.lotNo} 包 {report.lotName}
        </Descriptions.Item>
        <Descriptions.Item label="评审方法">
          {METHOD_LABELS[report.method] ?? report.method}
        </Descriptions.Item>
        <Descriptions.Item label="评审开始">{formatTime(report.startedAt)}</Descriptions.Item>
        <Descriptions.Item label="评审委员会" span={2}>
          {report.committee.map((m) => `${m.name}（${m.role}${m.chair ? '，组长' : ''}）`).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="审查结论" span={2}>
          合格 {report.checks.filter((c) => c.qualified).length} 家：
          {report.checks
            .filter((c) => c.qualified)
            .map((c) => c.bidder)
            .join('、') || '无'}
          ；不合格 {report.checks.filter((c) => !c.qualified).length} 家
        </Descriptions.Item>
        <Descriptions.Item label="推荐中标候选人" span={2}>
          <span data-testid="report-candidates">{report.candidates.join('、') || '无'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="报告生成时间">{formatTime(report.builtAt)}</Descriptions.Item>
        <Descriptions.Item label="报告摘要（SHA-256）">
          <Hash value={lot.reportHash} testId="report-hash" />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>成员签署</Typography.Text>
      <Table<Signature>
        rowKey="seatId"
        size="small"
        pagination={false}
        dataSource={lot.signatures}
        data-testid="signatures"
        locale={{ emptyText: '尚无成员签署' }}
        columns={[
          { title: '成员', dataIndex: 'name', key: 'name' },
          {
            title: '意见',
            key: 'agree',
            render: (_: unknown, s) =>
              s.agree ? (
                <Tag color="success" data-testid="signature-opinion">
                  同意
                </Tag>
              ) : (
                <Space orientation="vertical" size={0}>
                  <Tag color="error" data-testid="signature-opinion">
                    不同意
                  </Tag>
                  <span data-testid="signature-dissent">{s.dissent}</span>
                </Space>
              ),
          },
          { title: '签署时间', key: 'at', render: (_: unknown, s) => formatTime(s.signedAt) },
        ]}
      />
      {waiting.length > 0 && lot.status === 'reporting' && (
        <Typography.Text type="secondary" data-testid="signatures-waiting">
          待签署：{waiting.map((m) => m.name).join('、')}
        </Typography.Text>
      )}
      {room.me.member && lot.status === 'reporting' && !mine && (
        <SignForm room={room} lot={lot} reportHash={lot.reportHash} />
      )}
      {mine && lot.status === 'reporting' && (
        <Alert
          type="success"
          showIcon
          data-testid="signed-mine"
          title="您已签署本包评审报告，等待其他成员签署。"
        />
      )}
      {signed && (
        <Alert
          type="success"
          showIcon
          data-testid="signed-report"
          title="全体成员已签署，评审报告已由平台签名"
          description={
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <span>
                平台签名（{signed.alg}）：
                <Hash value={signed.signature} testId="platform-signature" />
              </span>
              <span>
                平台公钥：
                <Hash value={signed.publicKey} />
              </span>
              <Button
                onClick={() =>
                  downloadJson(lot.signedReport, `评审报告-${report.projectCode}-第${lot.lotNo}包.json`)
                }
              >
                下载签名的评审报告（JSON）
              </Button>
            </Space>
          }
        />
      )}
    </Space>
  );
}
