/**
 * What the file store accepts, decided from the bytes (as sniffed by file-type), never from the name the
 * sender gave. Procurement files are documents, spreadsheets, archives, images and text; anything else
 * (executables, media, unknown binaries) is refused.
 */
const ALLOWED = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/x-cfb', // .doc / .xls of Office 97–2003
  'application/zip', // also OFD (GB/T 33190) packages
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/gzip',
  'application/xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/bmp',
]);

export type SniffResult = { ok: true; mime: string } | { ok: false; message: string };

/** Decides from the sniffed type (undefined when file-type knows none) and the first bytes. */
export function classifyUpload(sniffedMime: string | undefined, head: Uint8Array, name: string): SniffResult {
  if (sniffedMime !== undefined) {
    return ALLOWED.has(sniffedMime)
      ? { ok: true, mime: sniffedMime }
      : { ok: false, message: `不支持的文件类型（${sniffedMime}）` };
  }
  if (head.length === 0) return { ok: false, message: '文件为空' };
  if (head.includes(0)) return { ok: false, message: '无法识别的二进制文件，不予接收' };
  const sub = /\.csv$/i.test(name) ? 'csv' : 'plain';
  for (const charset of ['utf-8', 'gb18030'] as const) {
    try {
      // stream: true tolerates a character cut in half at the end of the sample.
      new TextDecoder(charset, { fatal: true }).decode(head, { stream: true });
      return { ok: true, mime: `text/${sub}; charset=${charset}` };
    } catch {
      // try the next charset
    }
  }
  return { ok: false, message: '文本文件的编码既不是 UTF-8 也不是 GB18030' };
}
