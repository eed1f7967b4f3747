import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  fromBase64,
  newCustodianKey,
  sha256Hex,
  unlockCustodianKey,
} from '../../../../src/modules/bidding/sealing.contract.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { useSession } from '../auth/session.ts';
import { fetchMyKey, myKeyKey, registerKey, type CustodianKeyView } from './api.ts';
import { PassphraseFields } from './PassphraseFields.tsx';

/** First 16 hex digits of the SHA-256 of the raw public key, in groups of four: what custodians compare aloud. */
export async function keyFingerprint(publicKey: string): Promise<string> {
  const hex = await sha256Hex(fromBase64(publicKey));
  return (hex.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}

export function useFingerprint(publicKey: string | undefined): string | null {
  const [fingerprint, setFingerprint] = useState<{ key: string; value: string } | null>(null);
  useEffect(() => {
    if (!publicKey) return;
    let live = true;
    void keyFingerprint(publicKey).then((value) => {
      if (live) setFingerprint({ key: publicKey, value });
    });
    return () => {
      live = false;
    };
  }, [publicKey]);
  return fingerprint && fingerprint.key === publicKey ? fingerprint.value : null;
}

const EXPLANATION = [
  '供应商在自己的浏览器中加密投标文件，解密用的密钥被分成三份（2/3 门限）：',
  '平台单独无法解密，数据库管理员或备份持有人也读不到报价。',
  '您的开标密钥在本浏览器中生成，私钥只以您的开标口令加密后保存到平台，开标时在您本人的浏览器中用口令解开。',
  '请牢记开标口令：平台无法找回；遗失后须重新设置，已指定给项目的旧密钥随之不能再用于开标（其余两份仍可开标）。',
] as const;

function Explanation() {
  return (
    <Typography.Paragraph style={{ marginBottom: 0 }}>
      {EXPLANATION[0]}
      <Typography.Text strong>{'供应商、采购中心、财政监督各持一份，任意两份即可开标；'}</Typography.Text>
      {EXPLANATION.slice(1).join('')}
    </Typography.Paragraph>
  );
}

interface SetupValues {
  passphrase: string;
  confirmPassphrase: string;
}

function SetupForm({ replacing, onDone }: { replacing: boolean; onDone?: () => void }) {
  const [form] = Form.useForm<SetupValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: async (passphrase: string) => registerKey(await newCustodianKey(passphrase)),
    onSuccess: (view) => {
      form.resetFields();
      queryClient.setQueryData(myKeyKey, view);
      void message.success(replacing ? '开标密钥已更换' : '开标密钥已设置');
      onDone?.();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Form<SetupValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      disabled={mutation.isPending}
      onFinish={(v) => mutation.mutate(v.passphrase)}
      data-testid="opening-key-setup"
    >
      {replacing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="更换后，新指定的项目使用新密钥；已指定您为保管人的项目仍使用旧密钥，开标时须输入旧口令。"
        />
      )}
      <PassphraseFields label="开标口令" />
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {replacing ? '生成新密钥' : '生成开标密钥'}
        </Button>
        {onDone && (
          <Button onClick={onDone} disabled={mutation.isPending}>
            取消
          </Button>
        )}
      </Space>
      {mutation.isPending && (
        <div style={{ marginTop: 16 }} data-testid="opening-key-progress">
          <Spin size="small" />{' '}
          <Typography.Text type="secondary">正在本浏览器中生成密钥并以口令加密私钥…</Typography.Text>
        </div>
      )}
    </Form>
  );
}

function VerifyPassphrase({ view }: { view: CustodianKeyView }) {
  const [passphrase, setPassphrase] = useState('');
  const [outcome, setOutcome] = useState<'ok' | 'wrong' | null>(null);
  const verify = useMutation({
    mutationFn: () => unlockCustodianKey(view, passphrase),
    onSuccess: () => setOutcome('ok'),
    onError: () => setOutcome('wrong'),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 480 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input.Password
          aria-label="开标口令"
          placeholder="输入开标口令，仅在本浏览器中验证"
          value={passphrase}
          autoComplete="current-password"
          onChange={(e) => {
            setPassphrase(e.target.value);
            setOutcome(null);
          }}
          onPressEnter={() => passphrase && verify.mutate()}
        />
        <Button loading={verify.isPending} disabled={!passphrase} onClick={() => verify.mutate()}>
          验证口令
        </Button>
      </Space.Compact>
      {outcome === 'ok' && (
        <Alert
          type="success"
          showIcon
          data-testid="verify-outcome"
          title="口令正确，可以解开您的开标密钥。"
        />
      )}
      {outcome === 'wrong' && (
        <Alert type="error" showIcon data-testid="verify-outcome" title="口令不正确。" />
      )}
    </Space>
  );
}

function ExistingKey({ view }: { view: CustodianKeyView }) {
  const fingerprint = useFingerprint(view.publicKey);
  const [replacing, setReplacing] = useState(false);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered style={{ maxWidth: 640 }} data-testid="opening-key">
        <Descriptions.Item label="公钥指纹">
          <Typography.Text style={monospace} data-testid="key-fingerprint">
            {fingerprint ?? '…'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="设置时间">{formatTime(view.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">
        指定保管人时，请与采购中心核对项目中显示的公钥指纹与此处一致。
      </Typography.Text>
      <Typography.Text strong>验证口令</Typography.Text>
      <VerifyPassphrase view={view} />
      {replacing ? (
        <Card size="small" title="更换开标密钥" style={{ maxWidth: 560 }}>
          <SetupForm replacing onDone={() => setReplacing(false)} />
        </Card>
      ) : (
        <Button onClick={() => setReplacing(true)} style={{ alignSelf: 'flex-start' }}>
          更换密钥
        </Button>
      )}
    </Space>
  );
}

export function OpeningKeyPage() {
  const session = useSession();
  const query = useQuery({ queryKey: myKeyKey, queryFn: fetchMyKey, retry: false });
  const user = session.data?.user;
  const missing = query.isError && query.error instanceof ApiError && query.error.status === 404;

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          开标密钥
        </Space>
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Explanation />
        {user?.role === 'financeSupervisor' && (
          <Alert
            type="info"
            showIcon
            title={
              <span>
                您的用户编号（采购中心指定您为开标密钥保管人时填写）：
                <Typography.Text copyable style={monospace} data-testid="my-user-id">
                  {user.id}
                </Typography.Text>
              </span>
            }
          />
        )}
        {query.isPending ? (
          <Spin />
        ) : missing ? (
          <>
            <Alert
              type="warning"
              showIcon
              title="您尚未设置开标密钥。请设置开标口令，密钥将在本浏览器中生成。"
            />
            <SetupForm replacing={false} />
          </>
        ) : query.isError ? (
          <Result status="error" title={errorMessage(query.error)} />
        ) : (
          <ExistingKey view={query.data} />
        )}
      </Space>
    </Card>
  );
}
