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

type NamePath = (string | number)[];

/** `body.people.0.idNumber` → `['people', 0, 'idNumber']`, when its first segment is one of the form's fields. */
function fieldPath(path: string, fields: readonly string[]): NamePath | null {
  const parts = path.split('.');
  if (parts[0] === 'body') parts.shift();
  if (!parts[0] || !fields.includes(parts[0])) return null;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function setIssues(
  form: FormInstance,
  fields: readonly string[],
  issues: readonly { path: string; message: string }[],
): boolean {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const issue of issues) {
    const name = fieldPath(issue.path, fields);
    if (!name) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return byField.size > 0;
}

/**
 * Puts the server's field errors (`issues[].path` such as `body.username`, or `body.accounts.0.bankName` inside
 * a list) under the matching form fields. Returns false when none matched, so the caller shows the message on
 * its own.
 */
export function applyServerErrors(form: FormInstance, fields: readonly string[], error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const found = [...error.issues, ...(error.path ? [{ path: error.path, message: error.message }] : [])];
  return setIssues(form, fields, found);
}

/**
 * Checks the whole form with the server's schema (for rules spanning fields, such as "reason required when
 * rejecting"); puts the problems under their fields and returns null, or returns the parsed body.
 */
export function parseForm<S extends z.ZodType>(
  form: FormInstance,
  fields: readonly string[],
  schema: S,
  values: unknown,
): z.output<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  setIssues(
    form,
    fields,
    result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
  return null;
}

/** Empty inputs left out, so that the server's defaults apply instead of an empty string. */
export function withoutBlanks<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<T>;
}

/** Empty inputs as null: for optional fields the user cleared. */
export function blanksAsNull<T extends object>(values: T): { [K in keyof T]: Exclude<T[K], ''> | null } {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === undefined || v === '' ? null : v]),
  ) as { [K in keyof T]: Exclude<T[K], ''> | null };
}

/** Like withoutBlanks, through nested objects and lists too (an employment inside an application). */
export function withoutBlanksDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutBlanksDeep(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, withoutBlanksDeep(v)]),
  ) as T;
}
