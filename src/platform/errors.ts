/**
 * Every error the platform sends has a stable machine `code`, a Chinese `message` and, where one field is at
 * fault, its `path`. Callers without a right to a record get NOT_FOUND rather than FORBIDDEN, so ids cannot be
 * probed (ARCHITECTURE.md rule 9).
 */
export interface ErrorIssue {
  code: string;
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly path: string | undefined;
  readonly issues: ErrorIssue[] | undefined;

  constructor(statusCode: number, code: string, message: string, path?: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'AppError';
    this.statusCode = statusCode;
    this.code = code;
    this.path = path;
    this.issues = issues;
  }
}

export const badRequest = (code: string, message: string, path?: string): AppError =>
  new AppError(400, code, message, path);

export const unauthorized = (message = '请先登录'): AppError => new AppError(401, 'UNAUTHENTICATED', message);

export const forbidden = (message = '无权执行此操作'): AppError => new AppError(403, 'FORBIDDEN', message);

export const notFound = (message = '记录不存在'): AppError => new AppError(404, 'NOT_FOUND', message);

export const conflict = (code: string, message: string, path?: string): AppError =>
  new AppError(409, code, message, path);
