import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
} from '../../../../src/modules/bidding/sealing.contract.ts';
import { sameAs } from '../../shared/forms.ts';

/**
 * A passphrase typed twice and checked by the sealing code's own rule: whatever it wraps is lost to this holder
 * if it is mistyped, so a typo must be caught here. Only `passphrase` is used; `confirmPassphrase` stays put.
 */
export function PassphraseFields({ label, extra }: { label: string; extra?: ReactNode }) {
  return (
    <>
      <Form.Item
        label={label}
        name="passphrase"
        required
        extra={extra ?? `至少 ${MIN_PASSPHRASE_LENGTH} 个字符，可使用一句话`}
        rules={[
          {
            validator: (_rule, value: unknown) => {
              const problem = passphraseProblem(typeof value === 'string' ? value : '');
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={`确认${label}`}
        name="confirmPassphrase"
        required
        dependencies={['passphrase']}
        rules={[
          { required: true, message: `请再次输入${label}` },
          sameAs('passphrase', `两次输入的${label}不一致`),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
