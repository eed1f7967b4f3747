import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import {
  MIN_SIGNING_PASSPHRASE_LENGTH,
  signingPassphraseProblem,
} from '../../../../../src/modules/award/contracts/signature.contract.ts';
import { errorMessage } from '../../../api.ts';
import { formatTime } from '../../../shared/format.ts';
import { sameAs } from '../../../shared/forms.ts';
import {
  createSigningKey,
  fetchMySigningKey,
  signingErrorMessage,
  signingKeyKey,
  useContractMutation,
} from './api.ts';

/** 签名口令 typed twice: the key is lost to its holder if the passphrase is mistyped. */
function SigningPassphraseFields() {
  return (
    <>
      <Form.Item
        label="签名口令"
        name="passphrase"
        required
        extra={`至少 ${MIN_SIGNING_PASSPHRASE_LENGTH} 个字符。平台不保存口令，遗忘后只能重新创建密钥。`}
        rules={[
          {
            validator: (_rule, value: unknown) => {
              const problem = signingPassphraseProblem(typeof value === 'string' ? value : '');
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认签名口令"
        name="confirmPassphrase"
        required
        dependencies={['passphrase']}
        rules={[
          { required: true, message: '请再次输入签名口令' },
          sameAs('passphrase', '两次输入的签名口令不一致'),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/**
 * 创建签名密钥 dialog: an Ed25519 key pair made in this browser; the private key leaves it only encrypted with the
 * passphrase. Replacing a key revokes the old one (contracts already signed keep their signatures).
 */
export function CreateSigningKeyDialog({
  open,
  replacing,
  onClose,
  onCreated,
}: {
  open: boolean;
  replacing: boolean;
  onClose: () => void;
  onCreated?: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ passphrase: string; confirmPassphrase: string }>();
  const create = useContractMutation(createSigningKey, () => {
    void message.success('签名密钥已创建');
    form.resetFields();
    onClose();
    onCreated?.();
  });
  return (
    <Modal
      open={open}
      title={replacing ? '更换签名密钥' : '创建签名密钥'}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate(v.passphrase))}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        密钥在本浏览器中生成（Ed25519），私钥以签名口令加密后保存在平台，平台无法代您签名。
        {replacing && '更换后原密钥作废，已签署的合同不受影响。'}
      </Typography.Paragraph>
      {create.isError && <Alert type="error" showIcon title={signingErrorMessage(create.error)} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <SigningPassphraseFields />
      </Form>
    </Modal>
  );
}

/** 合同签名密钥 card for the account page (purchaser and supplier accounts): the fingerprint, create or replace. */
export function SigningKeyCard() {
  const q = useQuery({ queryKey: signingKeyKey, queryFn: fetchMySigningKey });
  const [open, setOpen] = useState(false);
  const key = q.data?.key ?? null;
  return (
    <Card
      title={
        <>
          <SafetyCertificateOutlined /> 合同签名密钥
        </>
      }
      extra={
        q.data?.abilities.includes('register') && (
          <Button onClick={() => setOpen(true)}>{key ? '更换密钥' : '创建签名密钥'}</Button>
        )
      }
      loading={q.isPending}
    >
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {key ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="算法">Ed25519</Descriptions.Item>
          <Descriptions.Item label="密钥指纹（SHA-256）">
            <Typography.Text code copyable>
              {key.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="创建时间">{formatTime(key.createdAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        !q.isPending && (
          <Typography.Text type="secondary">尚未创建签名密钥，签署合同前需先创建。</Typography.Text>
        )
      )}
      <CreateSigningKeyDialog open={open} replacing={key !== null} onClose={() => setOpen(false)} />
    </Card>
  );
}
