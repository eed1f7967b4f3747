import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../api.ts';

/**
 * An antd rule that checks a field with the server's own zod schema, so the browser shows the same Chinese
 * message the server would send and the two never drift apart.
 */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      const empty = value === undefined || value === null || value === '';
      // An empty required text field should fail on its `min(1, '请输入…')` message, not on "expected string".
      const input = empty ? (schema.safeParse(undefined).success ? undefined : '') : value;
      const result = schema.safeParse(input);
      return result.success
        ? Promise.resolve()
        : Promise.reject(new Error(result.error.issues[0]?.message ?? '输入不正确'));
    },
  };
}

/** A confirmation field that must repeat another field of the same form. */
export function sameAs(field: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_rule, value: unknown) =>
      value && value !== getFieldValue(field) ? Promise.reject(new Error(message)) : Promise.resolve(),
  });
}

/**
 * Puts the server's field errors (`issues[].path` such as `body.username`) under the matching form fields.
 * Returns false when none matched, so the caller shows the message on its own.
 */
export function applyServerErrors(form: FormInstance, fields: readonly string[], error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const found = [...error.issues, ...(error.path ? [{ path: error.path, message: error.message }] : [])];
  const byField = new Map<string, string[]>();
  for (const issue of found) {
    const name = fields.find((f) => issue.path === `body.${f}` || issue.path === f);
    if (name) byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
