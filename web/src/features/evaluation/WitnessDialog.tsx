import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { drawInputBody } from '../../../../src/modules/evaluation/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { committeeKey, witnessDraw, type DrawView } from './api.ts';

/**
 * 现场抽取: the supervisor types a random input on site. The platform committed to its seed before and cannot
 * change it now; the input and the seed together decide the result, which anyone can replay afterwards.
 */
export function WitnessDialog({ projectId, draw }: { projectId: string; draw: DrawView }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ supervisorInput?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (input: string) => witnessDraw(draw.id, input),
    onSuccess: async () => {
      // The drawn experts are seated by the same request: the committee is read again to show them.
      await queryClient.invalidateQueries({ queryKey: committeeKey(projectId) });
      setOpen(false);
      form.resetFields();
      void message.success('抽取完成，平台种子已公开，可导出抽取记录验证');
    },
    onError: (error) => setRefusal(errorMessage(error)),
  });

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        现场抽取
      </Button>
      <Modal
        open={open}
        title="现场抽取评审专家"
        okText="确认抽取"
        cancelText="取消"
        confirmLoading={mutation.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          setRefusal(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          平台已于 {formatTime(draw.preparedAt)} 冻结候选名单，并公布了平台种子的承诺值（SHA-256）：
        </Typography.Paragraph>
        <Typography.Paragraph style={{ ...monospace, wordBreak: 'break-all' }}>
          {draw.serverCommitment}
        </Typography.Paragraph>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="平台在您输入之前已承诺了它的种子，此后不能更改；您现场输入的内容平台事先无法知道。两者共同决定抽取结果，抽取后平台公开种子，任何人都可以重放验证。"
        />
        {refusal && (
          <Alert
            type="error"
            showIcon
            title={refusal}
            style={{ marginBottom: 16 }}
            data-testid="witness-error"
          />
        )}
        <Form
          form={form}
          layout="vertical"
          name="witness"
          disabled={mutation.isPending}
          onFinish={(v) => {
            setRefusal(null);
            mutation.mutate((v.supervisorInput ?? '').trim());
          }}
        >
          <Form.Item
            label="现场随机内容"
            name="supervisorInput"
            extra="至少 6 个字符，可输入随机数字、字母或当日报纸标题等任意内容。"
            rules={[zodRule(drawInputBody.shape.supervisorInput)]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
