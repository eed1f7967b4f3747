import type { Db } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { access } from '../http/access.ts';
import { errorBody } from '../http/contract.ts';
import type { App } from '../http/server.ts';
import { fileParams, fileView } from './contract.ts';
import { filePolicy } from './policy.ts';
import { openFile, uploadFile } from './service.ts';
import type { FileStore } from './store.ts';

export function fileRoutes(app: App, deps: { db: Db; store: FileStore }): void {
  const tags = ['文件'];
  app.post(
    '/api/files',
    {
      config: { access: access(filePolicy, 'upload') },
      schema: {
        tags,
        summary: '上传文件（multipart/form-data，字段 file）；按内容哈希存储',
        consumes: ['multipart/form-data'],
        response: { 201: fileView, 413: errorBody, 415: errorBody },
      },
    },
    async (req, reply) => {
      const part = await req.file();
      if (!part) throw badRequest('FILE_MISSING', '请选择要上传的文件', 'file');
      const uploaded = await uploadFile(deps.db, deps.store, req.ctx, part.file, part.filename);
      return reply.status(201).send(uploaded);
    },
  );

  app.get(
    '/api/files/:hash',
    {
      config: { access: access(filePolicy, 'read') },
      schema: { tags, summary: '下载文件', params: fileParams },
    },
    async (req, reply) => {
      const { file, name } = await openFile(deps.db, req.ctx, req.params.hash);
      return reply
        .header('content-type', file.mime)
        .header('content-length', String(file.size))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('etag', `"${file.hash}"`)
        .send(deps.store.read(file.hash));
    },
  );
}
