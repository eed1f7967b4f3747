import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
beforeAll(async () => {
  h = await startHarness({ config: { maxUploadBytes: 64 * 1024 } });
});
afterAll(async () => {
  await h.close();
});

function multipart(name: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhengcai-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('file store', () => {
  it('stores by content hash, once, and sniffs the type from the bytes', async () => {
    const supplier = await h.signedIn('supplier');
    const first = await supplier.request({
      method: 'POST',
      url: '/api/files',
      ...multipart('投标文件.docx', pdf),
    });
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.hash).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(body.mime).toBe('application/pdf');
    expect(body.name).toBe('投标文件.docx');
    const again = await supplier.request({
      method: 'POST',
      url: '/api/files',
      ...multipart('again.pdf', pdf),
    });
    expect(again.json().hash).toBe(body.hash);
    expect(again.json().uploadId).not.toBe(body.uploadId);
    const dir = path.join(h.config.dataDir, 'files', body.hash.slice(0, 2), body.hash.slice(2, 4));
    expect(await readdir(dir)).toEqual([body.hash]);
  });

  it('gives the bytes back to the sender and to centre staff, and "not found" to another supplier', async () => {
    const a = await h.signedIn('supplier');
    const content = Buffer.concat([pdf, Buffer.from(`% ${a.user.id}\n`)]);
    const up = (
      await a.request({ method: 'POST', url: '/api/files', ...multipart('报价.pdf', content) })
    ).json();
    const own = await a.request({ method: 'GET', url: `/api/files/${up.hash}` });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(content)).toBe(true);
    expect(own.headers['content-disposition']).toContain(encodeURIComponent('报价.pdf'));
    const agent = await h.signedIn('agent');
    expect((await agent.request({ method: 'GET', url: `/api/files/${up.hash}` })).statusCode).toBe(200);
    const b = await h.signedIn('supplier');
    const other = await b.request({ method: 'GET', url: `/api/files/${up.hash}` });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
  });

  it('refuses executables, empty and oversized files, keeping nothing', async () => {
    const c = await h.signedIn('purchaser');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1)]);
    const exe = await c.request({ method: 'POST', url: '/api/files', ...multipart('合同.pdf', elf) });
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', path: 'file' });
    const empty = await c.request({
      method: 'POST',
      url: '/api/files',
      ...multipart('空.txt', Buffer.alloc(0)),
    });
    expect(empty.statusCode).toBe(415);
    const big = await c.request({
      method: 'POST',
      url: '/api/files',
      ...multipart('大.txt', Buffer.alloc(70 * 1024, 0x41)),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('FILE_TOO_LARGE');
    expect(await readdir(path.join(h.config.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('accepts text in UTF-8 and in GB18030, and says which', async () => {
    const c = await h.signedIn('agent');
    const utf8 = await c.request({
      method: 'POST',
      url: '/api/files',
      ...multipart('名单.csv', Buffer.from('单位,金额\n教育局,100\n')),
    });
    expect(utf8.json().mime).toBe('text/csv; charset=utf-8');
    // 「政府采购」 in GBK
    const gbk = Buffer.from([0xd5, 0xfe, 0xb8, 0xae, 0xb2, 0xc9, 0xb9, 0xba, 0x0a]);
    const res = await c.request({ method: 'POST', url: '/api/files', ...multipart('说明.txt', gbk) });
    expect(res.json().mime).toBe('text/plain; charset=gb18030');
  });

  it('refuses a request without a file part', async () => {
    const c = await h.signedIn('agent');
    const res = await c.request({ method: 'POST', url: '/api/files', payload: { x: 1 } });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
