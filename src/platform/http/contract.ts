import { z } from 'zod';

/** The one error body every failing request gets. */
export const errorBody = z.object({
  code: z.string().describe('稳定的机器可读错误码，如 VALIDATION_FAILED'),
  message: z.string().describe('中文错误说明'),
  path: z.string().optional().describe('出错字段的路径，如 body.username'),
  issues: z
    .array(z.object({ code: z.string(), path: z.string(), message: z.string() }))
    .optional()
    .describe('逐字段的校验问题'),
  errorId: z.string().optional().describe('服务器内部错误的编号，便于在日志中查找'),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe('页码，从 1 开始'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
});

/** A list page: rows with their own abilities, plus what the caller may do on the collection. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    abilities: z.array(z.string()).describe('调用者对该集合可执行的操作'),
  });
}

/** Every record a response returns carries what the caller may do with it. */
export const withAbilities = { abilities: z.array(z.string()).describe('调用者对此记录可执行的操作') };

export const idParams = z.object({ id: z.uuid() });

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  migration: z.object({
    version: z.string().nullable(),
    applied: z.number().int(),
    pending: z.number().int(),
  }),
  version: z.string(),
  time: z.string(),
});
