import { z } from 'zod';

export const fileView = z.object({
  hash: z.string().describe('文件内容的哈希（十六进制），即文件在存储中的名字'),
  hashAlg: z.enum(['sha256', 'sm3']),
  size: z.number().int(),
  mime: z.string().describe('按文件内容识别的类型'),
  name: z.string(),
  uploadId: z.uuid(),
});

export const fileParams = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, '文件哈希应为 64 位十六进制'),
});
