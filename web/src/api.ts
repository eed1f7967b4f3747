import type { z } from 'zod';
import { errorBody, type ErrorBody } from '../../src/platform/http/contract.ts';

type Issue = NonNullable<ErrorBody['issues']>[number];

/** A failed request, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;
  readonly issues: Issue[];
  readonly errorId: string | undefined;
  /** The whole answer as sent, for errors that carry more than the common body (an import's row errors). */
  readonly details: unknown;

  constructor(status: number, body: ErrorBody, details?: unknown) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.path = body.path;
    this.issues = body.issues ?? [];
    this.errorId = body.errorId;
    this.details = details;
  }
}

let csrfToken: string | null = null;

/** The server issues a new token with every session response (a login rotates it); the latest one wins. */
export function rememberCsrfToken(token: string): void {
  csrfToken = token;
}

let onUnauthorized: (() => void) | null = null;

/** Called when a request that expected a signed-in user gets 401 (session expired or revoked elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /**
   * False for requests where 401 is an ordinary answer (a wrong password at login), so it must not be
   * mistaken for an expired session.
   */
  redirectOnUnauthorized?: boolean;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(url: string, method: Method, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  // A FormData body (a file upload) sets its own multipart content type, boundary included.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试' });
  }
}

async function readError(res: Response): Promise<ApiError> {
  const fallback = { code: `HTTP_${res.status}`, message: `请求失败（HTTP ${res.status}）` };
  try {
    const json: unknown = await res.json();
    const parsed = errorBody.safeParse(json);
    return new ApiError(res.status, parsed.success ? parsed.data : fallback, json);
  } catch {
    return new ApiError(res.status, fallback);
  }
}

/** A rejected CSRF token usually means the secret cookie was renewed in another tab; one fresh token fixes it. */
function isCsrfRejection(error: ApiError): boolean {
  return error.status === 403 && /csrf/i.test(error.code);
}

async function refreshCsrfToken(): Promise<void> {
  const res = await send('/api/auth/session', 'GET', undefined);
  if (!res.ok) return;
  const body: unknown = await res.json();
  if (
    typeof body === 'object' &&
    body !== null &&
    'csrfToken' in body &&
    typeof body.csrfToken === 'string'
  ) {
    csrfToken = body.csrfToken;
  }
}

type Sender = (url: string, method: Method, body: unknown) => Promise<Response>;

async function call(path: string, options: RequestOptions, sender: Sender = send): Promise<Response> {
  const method = options.method ?? 'GET';
  const url = withQuery(path, options.query);
  // A form can be submitted before the first session answer arrives; the token must come first.
  if (method !== 'GET' && csrfToken === null) await refreshCsrfToken();
  let res = await sender(url, method, options.body);
  if (!res.ok) {
    let error = await readError(res);
    if (method !== 'GET' && isCsrfRejection(error)) {
      await refreshCsrfToken();
      res = await sender(url, method, options.body);
      if (res.ok) return res;
      error = await readError(res);
    }
    if (error.status === 401 && options.redirectOnUnauthorized !== false) onUnauthorized?.();
    throw error;
  }
  return res;
}

/** A request whose JSON answer is checked against the shared contract schema. */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const res = await call(path, options);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    // The contract is shared, so a mismatch is a bug on one side; the console keeps the details for whoever fixes it.
    console.error(`响应不符合约定：${path}`, parsed.error.issues);
    throw new ApiError(res.status, { code: 'RESPONSE_INVALID', message: '服务器返回的数据格式不符合约定' });
  }
  return parsed.data;
}

/** Uploads one file as multipart field `file`; the answer is checked like any other. */
export function apiUpload<S extends z.ZodType>(path: string, schema: S, file: File): Promise<z.infer<S>> {
  const form = new FormData();
  form.append('file', file);
  return api(path, schema, { method: 'POST', body: form });
}

/**
 * A request whose body is sent with XMLHttpRequest, because fetch cannot report upload progress; `onProgress`
 * receives 0–100. The answer is handled exactly as `send`'s.
 */
function sendWithProgress(onProgress: (percent: number) => void): Sender {
  return (url, method, body) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onload = () => {
        onProgress(100);
        const type = xhr.getResponseHeader('content-type') ?? 'application/json';
        resolve(new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': type } }));
      };
      const fail = () =>
        reject(new ApiError(0, { code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试' }));
      xhr.onerror = fail;
      xhr.onabort = fail;
      xhr.send(body instanceof FormData ? body : JSON.stringify(body));
    });
}

/** Uploads one file as multipart field `file`, reporting the upload's progress (0–100). */
export async function apiUploadWithProgress<S extends z.ZodType>(
  path: string,
  schema: S,
  file: File,
  options: { query?: RequestOptions['query']; onProgress: (percent: number) => void },
): Promise<z.infer<S>> {
  const form = new FormData();
  form.append('file', file);
  const res = await call(
    path,
    { method: 'POST', body: form, query: options.query },
    sendWithProgress(options.onProgress),
  );
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    console.error(`响应不符合约定：${path}`, parsed.error.issues);
    throw new ApiError(res.status, { code: 'RESPONSE_INVALID', message: '服务器返回的数据格式不符合约定' });
  }
  return parsed.data;
}

/** A request answered with 204 No Content. */
export async function apiVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await call(path, options);
}

/** The Chinese message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
