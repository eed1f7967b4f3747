import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { complaintBody } from '../../../../../src/modules/award/challenges/contract.ts';
import { errorMessage } from '../../../api.ts';
import { zodRule } from '../../../shared/forms.ts';
import { fileComplaint, useChallengeMutation, type ChallengeView } from './api.ts';
import { EvidenceUpload, WindowText, type UploadedEvidence } from './common.tsx';

interface Values {
  requests?: string;
  facts?: string;
  evidence?: UploadedEvidence[];
}

/**
 * 投诉 from an answered challenge (or one not answered in time): to the finance department, within 15 WD after the
 * reply period (法55); the matters may not go beyond the challenge's.
 */
export function ComplaintForm({ challenge }: { challenge: ChallengeView }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const file = useChallengeMutation(
    (v: Values) =>
      fileComplaint(challenge.id, {
        requests: v.requests ?? '',
        facts: v.facts ?? '',
        evidenceFileIds: (v.evidence ?? []).map((e) => e.uploadId),
      }),
    () => setOpen(false),
  );
  if (!challenge.abilities.includes('complain')) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>投诉</Button>
      <Modal
        open={open}
        title="向财政部门投诉"
        okText="提交投诉书"
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
          对质疑答复不满意，或者采购人、采购代理机构未在规定时间内答复的，可以在答复期满后 15
          个工作日内向财政部门投诉（政府采购法第五十五条）。投诉事项不得超出已质疑事项的范围。
        </Typography.Paragraph>
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={<WindowText window={challenge.complaintWindow} />}
        />
        {file.isError && (
          <Alert type="error" showIcon title={errorMessage(file.error)} style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          layout="vertical"
          name="complaint"
          disabled={file.isPending}
          onFinish={(v) => file.mutate(v)}
        >
          <Form.Item label="投诉事项与请求" name="requests" rules={[zodRule(complaintBody.shape.requests)]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item label="事实依据和法律依据" name="facts" rules={[zodRule(complaintBody.shape.facts)]}>
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
