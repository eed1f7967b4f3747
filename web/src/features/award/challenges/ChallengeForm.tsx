import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { challengeBody } from '../../../../../src/modules/award/challenges/contract.ts';
import { errorMessage } from '../../../api.ts';
import { zodRule } from '../../../shared/forms.ts';
import { fileChallenge, useChallengeMutation, type MyProject } from './api.ts';
import { EvidenceUpload, WindowText, type UploadedEvidence } from './common.tsx';

interface Values {
  projectId?: string;
  option?: string;
  knewOn?: string;
  requests?: string;
  facts?: string;
  evidence?: UploadedEvidence[];
}

const optionKey = (o: MyProject['options'][number]) => `${o.subject}:${o.lotNo ?? ''}`;

/**
 * 提出质疑: the supplier picks a project it took part in and what it challenges; the form shows the window before
 * filing (法52; 条例53) and the server's refusal (e.g. CHALLENGE_LATE with the day the window closed) as sent.
 */
export function ChallengeForm({ projects }: { projects: MyProject[] }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const projectId = Form.useWatch('projectId', form);
  const optionValue = Form.useWatch('option', form);
  const project = projects.find((p) => p.id === projectId);
  const option = project?.options.find((o) => optionKey(o) === optionValue);
  const file = useChallengeMutation(
    (v: Values) => {
      const o = project?.options.find((x) => optionKey(x) === v.option);
      return fileChallenge(v.projectId ?? '', {
        subject: o?.subject ?? 'process',
        lotNo: o?.lotNo ?? null,
        knewOn: o?.subject === 'process' ? (v.knewOn ?? null) : null,
        requests: v.requests ?? '',
        facts: v.facts ?? '',
        evidenceFileIds: (v.evidence ?? []).map((e) => e.uploadId),
      });
    },
    () => {
      setOpen(false);
      form.resetFields();
    },
  );
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} disabled={!projects.length}>
        提出质疑
      </Button>
      <Modal
        open={open}
        title="提出质疑"
        okText="提交质疑函"
        cancelText="取消"
        width={720}
        confirmLoading={file.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          file.reset();
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          供应商认为采购文件、采购过程或中标（成交）结果使自己的权益受到损害的，可以在知道或者应知其权益受到损害之日起
          7 个工作日内提出质疑（政府采购法第五十二条）。质疑事项与请求、事实依据应具体明确。
        </Typography.Paragraph>
        {file.isError && (
          <Alert type="error" showIcon title={errorMessage(file.error)} style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          name="challenge"
          disabled={file.isPending}
          onFinish={(v) => file.mutate(v)}
        >
          <Form.Item label="项目" name="projectId" rules={[{ required: true, message: '请选择项目' }]}>
            <Select
              options={projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              onChange={() => form.setFieldValue('option', undefined)}
            />
          </Form.Item>
          <Form.Item label="质疑对象" name="option" rules={[{ required: true, message: '请选择质疑对象' }]}>
            <Select
              options={(project?.options ?? []).map((o) => ({
                value: optionKey(o),
                label: `${o.subjectLabel}${o.lotNo === null ? '' : `（第${o.lotNo}包）`}`,
              }))}
            />
          </Form.Item>
          {option && (
            <Alert
              style={{ marginBottom: 16 }}
              type={option.window && !option.window.open ? 'warning' : 'info'}
              showIcon
              title={option.window ? <WindowText window={option.window} /> : option.note}
            />
          )}
          {option?.subject === 'process' && (
            <Form.Item
              label="该程序环节结束之日"
              name="knewOn"
              rules={[{ required: true, message: '请填写该程序环节结束之日' }]}
              extra="质疑期限自该日起算（政府采购法实施条例第五十三条），不得晚于今天，也不得早于采购公告发布之日"
            >
              <Input type="date" />
            </Form.Item>
          )}
          <Form.Item label="质疑事项与请求" name="requests" rules={[zodRule(challengeBody.shape.requests)]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item label="事实依据" name="facts" rules={[zodRule(challengeBody.shape.facts)]}>
            <Input.TextArea rows={5} maxLength={10000} showCount />
          </Form.Item>
          <Form.Item label="证明材料" name="evidence">
            <EvidenceUpload />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
