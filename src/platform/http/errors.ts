import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorIssue } from '../errors.ts';
import type { ErrorBody } from './contract.ts';

/** Fastify's and its plugins' own error codes, told in Chinese with a stable code of ours. */
const KNOWN: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: '请求体为空，但声明为 JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: '请求体过大' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_CONTENT_LENGTH',
    message: '请求头 Content-Length 与请求体不符',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '不支持的请求内容类型',
  },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'CSRF_INVALID', message: '缺少 CSRF 令牌，请刷新页面后重试' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'CSRF_INVALID', message: 'CSRF 令牌无效，请刷新页面后重试' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'FILE_TOO_LARGE', message: '文件超过大小上限' },
  FST_PARTS_LIMIT: { status: 413, code: 'TOO_MANY_PARTS', message: '上传的表单字段过多' },
  FST_FILES_LIMIT: { status: 413, code: 'TOO_MANY_FILES', message: '一次只能上传一个文件' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: '上传文件须使用 multipart/form-data',
  },
  FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION_FAILED', message: '请求参数不正确' },
};

function send(reply: FastifyReply, status: number, body: ErrorBody): void {
  void reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** The one error handler: a stable code, a field path where one applies, a Chinese message, never a stack. */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof AppError) {
    send(reply, error.statusCode, {
      code: error.code,
      message: error.message,
      ...(error.path ? { path: error.path } : {}),
      ...(error.issues ? { issues: error.issues } : {}),
    });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const issues: ErrorIssue[] = error.validation.map((v) => {
      const segments = v.instancePath.split('/').filter(Boolean);
      return {
        code: String(v.keyword),
        path: [context, ...segments].join('.'),
        message: v.message ?? '取值不正确',
      };
    });
    const first = issues[0];
    send(reply, 400, {
      code: 'VALIDATION_FAILED',
      message: first ? `${first.path}：${first.message}` : '请求参数不正确',
      ...(first ? { path: first.path } : {}),
      issues,
    });
    return;
  }
  const known = 'code' in error && typeof error.code === 'string' ? KNOWN[error.code] : undefined;
  if (known && !isResponseSerializationError(error)) {
    send(reply, known.status, { code: known.code, message: known.message });
    return;
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status === 429) {
    send(reply, 429, { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    return;
  }
  if (status >= 400 && status < 500) {
    request.log.info({ err: error }, 'client error without a mapping');
    send(reply, status, { code: 'BAD_REQUEST', message: '请求无法处理' });
    return;
  }
  request.log.error({ err: error, errorId: request.id }, 'unexpected error');
  send(reply, 500, {
    code: 'INTERNAL_ERROR',
    message: '服务器内部错误，请联系管理员并提供错误编号',
    errorId: request.id,
  });
}
