import { deflateSync } from 'node:zlib';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  Header,
  ImageRun,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  type BidderIdentity,
  type LeakFinding,
  type LeakKind,
  bytePdfReader,
  isValidCreditCode,
  scanDocument,
  scanText,
} from './identity-scan.contract.ts';
import { nodePdfReader } from './identity-scan-pdf.ts';

const OWN_CODE = '91440300MA5F1234XC';
const OTHER_CODE = '91110108MA01ABCDEN';

const identity: BidderIdentity = {
  names: ['深圳市华信达科技有限公司'],
  shortNames: ['华信达', 'HXD'],
  creditCode: OWN_CODE,
  phones: ['13812345678', '0755-86668888'],
  emails: ['bid@huaxinda.com.cn'],
  addresses: ['广东省深圳市南山区粤海街道科技南路18号华信达大厦'],
  people: ['李建国', '王小明', 'Zhang Wei'],
};

const kinds = (fs: LeakFinding[]): string[] => fs.map((f) => `${f.kind}:${f.severity}`);

describe('credit code check character (GB 32100-2015)', () => {
  it('accepts valid codes and rejects a wrong check character or forbidden letters', () => {
    expect(isValidCreditCode(OWN_CODE)).toBe(true);
    expect(isValidCreditCode(OTHER_CODE)).toBe(true);
    expect(isValidCreditCode('91110108MA01ABCDE1')).toBe(false);
    expect(isValidCreditCode('91110108MA01ABCDEO')).toBe(false);
    expect(isValidCreditCode('91440300MA5F1234X')).toBe(false);
  });
});

describe('scanText', () => {
  const hits: [string, string, LeakKind, 'high' | 'medium'][] = [
    ['name', '本方案由深圳市华信达科技有限公司编制。', 'name', 'high'],
    ['name with full-width spaces', '深圳市华信达　科技　有限公司', 'name', 'high'],
    ['name with full-width letters and a line break', '深圳市华信达科技\n有限公司', 'name', 'high'],
    ['name without its suffix', '深圳市华信达科技承诺', 'name', 'high'],
    ['short name', '华信达团队具有丰富经验', 'shortName', 'high'],
    ['short name split by a zero-width space', '华信\u200b达', 'shortName', 'high'],
    ['Latin short name, any case', '由 hxd 负责实施', 'shortName', 'high'],
    ['own credit code', `统一社会信用代码：${OWN_CODE}`, 'creditCode', 'high'],
    ['own credit code, spaced and lower case', '9144 0300 ma5f 1234 xc', 'creditCode', 'high'],
    ['own mobile', '联系人手机 13812345678', 'phone', 'high'],
    ['own mobile with separators and +86', '+86 138-1234-5678', 'phone', 'high'],
    ['own mobile in full-width digits', '１３８１２３４５６７８', 'phone', 'high'],
    ['own landline with area code in brackets', '电话（0755）8666 8888', 'phone', 'high'],
    ['own landline without area code', '值班电话 86668888', 'phone', 'high'],
    ['own e-mail, other case', '邮箱：BID@HuaXinDa.com.cn', 'email', 'high'],
    ['own web site', '详见 www.huaxinda.com.cn', 'email', 'high'],
    ['own full address', '地址：广东省深圳市南山区粤海街道科技南路18号华信达大厦', 'address', 'high'],
    ['own road and number', '位于科技南路18号', 'address', 'high'],
    ['staff name', '项目经理：李建国（高级工程师）', 'person', 'high'],
    ['staff name with spaces', '李 建 国', 'person', 'high'],
    ['Latin staff name', 'Project manager: ZHANG WEI', 'person', 'high'],
    ['another mobile', '咨询 13900001111', 'genericPhone', 'medium'],
    ['another landline', '电话 010-62345678', 'genericPhone', 'medium'],
    ['a hotline', '服务热线 400-800-1234', 'genericPhone', 'medium'],
    ['another e-mail', 'someone@example.org', 'genericEmail', 'medium'],
    ['another valid credit code', `代码 ${OTHER_CODE}`, 'genericCreditCode', 'medium'],
  ];
  it.each(hits)('finds %s', (_, text, kind, severity) => {
    const found = scanText(text, identity, '正文第 1 段');
    expect(kinds(found)).toEqual([`${kind}:${severity}`]);
    expect(found[0]?.where).toBe('正文第 1 段');
    expect(found[0]?.excerpt).toMatch(/【.+】/);
    expect(found[0]?.message).toMatch(/出现/);
  });

  const misses: [string, string][] = [
    ['part of the short name', '华信证券的研究报告'],
    ['a credit code with a wrong check character', '代码 91110108MA01ABCDE1'],
    ['a 12-digit number starting like a mobile', '编号 138123456789'],
    ['a standard number', '符合 GB/T 19001-2016 与 ISO 9001:2015'],
    ['another road number', '位于科技南路19号'],
    ['a Latin short name inside a word', 'the HXDR protocol'],
    ['a date and an amount', '2024年1月15日，金额 1,234,567.00 元'],
    ['not an e-mail', 'a@b 与 @华信'],
  ];
  it.each(misses)('does not flag %s', (_, text) => {
    expect(scanText(text, identity, '正文第 1 段')).toEqual([]);
  });

  it('reports overlapping matches once, the most specific', () => {
    const found = scanText('深圳市华信达科技有限公司', identity, 'x');
    expect(kinds(found)).toEqual(['name:high']);
    expect(found[0]?.excerpt).toBe('【深圳市华信达科技有限公司】');
    // The bidder's own e-mail is not reported a second time as a generic e-mail.
    expect(kinds(scanText('bid@huaxinda.com.cn', identity, 'x'))).toEqual(['email:high']);
  });

  it('marks the match in the original text, about 40 characters around it', () => {
    const text = `${'甲'.repeat(30)}华信达${'乙'.repeat(30)}`;
    const [f] = scanText(text, identity, 'x');
    expect(f?.excerpt).toBe(`…${'甲'.repeat(18)}【华信达】${'乙'.repeat(18)}…`);
    expect(scanText('全角　华信达', identity, 'x')[0]?.excerpt).toBe('全角 【华信达】');
  });

  it('finds several leaks in one text, in order', () => {
    const found = scanText('联系人：李建国，电话 13812345678，邮箱 x@example.com', identity, 'x');
    expect(kinds(found)).toEqual(['person:high', 'phone:high', 'genericEmail:medium']);
  });

  it('redacts the bidder’s identifiers for the committee', () => {
    const [f] = scanText('本方案由深圳市华信达科技有限公司编制', identity, 'x', { redact: true });
    expect(f?.excerpt).toBe('本方案由【■■】编制');
    expect(f?.message).not.toContain('华信达');
  });
});

// ── .docx ─────────────────────────────────────────────────────────────────────────────────────────────

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function withCompany(docx: Buffer, company: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  zip.file(
    'docProps/app.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>${company}</Company><Manager></Manager></Properties>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

async function leakyDocx(): Promise<Uint8Array> {
  const doc = new Document({
    creator: '李建国',
    lastModifiedBy: 'Administrator',
    comments: { children: [{ id: 0, author: '王小明', children: [new Paragraph('这里再改一下')] }] },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('联系电话：0755-86668888')] }) },
        footers: { default: new Footer({ children: [new Paragraph('技术部分（暗标）')] }) },
        children: [
          new Paragraph('一、项目理解'),
          // The name is split over three runs, as Word does when formatting changes mid-word.
          new Paragraph({
            children: [
              new TextRun('本项目由深圳市华'),
              new TextRun({ text: '信达', bold: true }),
              new TextRun('科技有限公司负责实施。'),
            ],
          }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('实施方案'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Paragraph({
            children: [
              new InsertedTextRun({
                id: 1,
                author: '王小明',
                date: '2024-01-01T00:00:00Z',
                text: '补充内容',
              }),
              new TextRun({ text: '内部备注：报价待定', vanish: true }),
            ],
          }),
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })],
          }),
        ],
      },
    ],
  });
  return withCompany(await Packer.toBuffer(doc), '华信达');
}

describe('scanDocument: .docx', () => {
  it('finds names across runs, header phones, comments, revisions, hidden text, images and metadata', async () => {
    const report = await scanDocument('技术标.docx', await leakyDocx(), identity);
    expect(report.kind).toBe('docx');
    expect(report.scannedChars).toBeGreaterThan(30);
    const by = (kind: LeakKind): LeakFinding[] => report.findings.filter((f) => f.kind === kind);

    expect(by('name')).toEqual([
      expect.objectContaining({
        severity: 'high',
        where: '正文第 2 段',
        excerpt: '本项目由【深圳市华信达科技有限公司】负责实施。',
      }),
    ]);
    expect(by('phone')).toEqual([expect.objectContaining({ severity: 'high', where: '页眉' })]);
    expect(by('comments')).toEqual([
      expect.objectContaining({
        severity: 'high',
        message: expect.stringContaining('含批注（1 条，批注者：王小明）'),
      }),
    ]);
    expect(by('trackedChanges')).toEqual([
      expect.objectContaining({ severity: 'high', message: expect.stringContaining('修订者：王小明') }),
    ]);
    expect(by('hiddenText')).toEqual([
      expect.objectContaining({ where: '正文第 4 段', excerpt: '【内部备注：报价待定】' }),
    ]);
    expect(by('images')).toEqual([
      expect.objectContaining({ severity: 'low', message: expect.stringContaining('1 张图片') }),
    ]);

    const meta = by('metadata').map((f) => `${f.where}|${f.severity}|${f.excerpt}`);
    expect(meta).toEqual([
      '文档属性：作者|high|作者：李建国',
      '文档属性：最后修改者|low|最后修改者：Administrator',
      '文档属性：单位|high|单位：华信达',
    ]);
    // The comment's own text and the footer were read too.
    expect(report.findings.filter((f) => f.where === '页脚')).toEqual([]);
  });

  it('reports nothing above low for a clean document', async () => {
    const doc = new Document({
      creator: '投标人',
      sections: [{ children: [new Paragraph('一、总体技术方案'), new Paragraph('本方案采用分层架构。')] }],
    });
    const report = await scanDocument('clean.docx', await Packer.toBuffer(doc), identity);
    expect(report.findings.filter((f) => f.severity !== 'low')).toEqual([]);
    expect(report.findings.map((f) => f.where)).toContain('文档属性：作者');
  });

  it('redacts comment and revision authors and metadata values for the committee', async () => {
    const report = await scanDocument('技术标.docx', await leakyDocx(), identity, { redact: true });
    const text = JSON.stringify(report.findings);
    expect(text).not.toMatch(/华信达|李建国|王小明|86668888/);
    expect(report.findings.some((f) => f.kind === 'name' && f.severity === 'high')).toBe(true);
  });

  it.each([
    ['random bytes', new TextEncoder().encode('not a zip file at all')],
    ['a zip without word/document.xml', new Uint8Array(0)],
  ])('turns an unreadable .docx (%s) into a finding', async (_, bytes) => {
    const data = bytes.length
      ? bytes
      : await new JSZip().file('a.txt', 'x').generateAsync({ type: 'uint8array' });
    const report = await scanDocument('bad.docx', data, identity);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'unsupported',
        severity: 'high',
        message: expect.stringMatching(/^文件无法解析/),
      }),
    ]);
  });

  it('turns a truncated .docx into a finding', async () => {
    const good = await leakyDocx();
    const report = await scanDocument('cut.docx', good.subarray(0, good.length >> 1), identity);
    expect(kinds(report.findings)).toEqual(['unsupported:high']);
  });
});

// ── .pdf ──────────────────────────────────────────────────────────────────────────────────────────────

/** A minimal valid PDF: one page with Helvetica text, an Info dictionary, optionally a Flate content stream. */
function minimalPdf(text: string, info: string, flate = false): Uint8Array {
  const content = Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  const stream = flate ? deflateSync(content) : content;
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const obj = (n: number, body: (Buffer | string)[]): void => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    body.forEach(push);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n');
  obj(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  obj(2, ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>']);
  obj(3, [
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  ]);
  obj(4, [
    `<< /Length ${stream.length}${flate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
    stream,
    '\nendstream',
  ]);
  obj(5, ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']);
  obj(6, [`<< ${info} >>`]);
  const xref = length;
  push(`xref\n0 7\n0000000000 65535 f \n`);
  for (let n = 1; n <= 6; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** 李建国 in UTF-16BE with a BOM, as PDF text strings carry Chinese. */
const AUTHOR_HEX = '<FEFF674E5EFA56FD>';
const INFO = `/Author ${AUTHOR_HEX} /Creator (Microsoft Word) /Producer (Acrobat) /Title (Technical proposal HXD)`;
const PAGE_TEXT = 'Contact 138-1234-5678 or bid@huaxinda.com.cn';

describe('scanDocument: .pdf', () => {
  it('reads metadata and page text with pdfjs (Node)', async () => {
    const report = await scanDocument('tech.pdf', minimalPdf(PAGE_TEXT, INFO), identity, {
      pdf: nodePdfReader,
    });
    expect(report.kind).toBe('pdf');
    expect(report.findings.map((f) => `${f.kind}|${f.severity}|${f.where}`)).toEqual([
      'metadata|high|文档属性：作者',
      'metadata|high|文档属性：标题',
      'phone|high|第 1 页',
      'email|high|第 1 页',
    ]);
    expect(report.findings[0]?.excerpt).toBe('作者：李建国');
  });

  it('reads a Flate-compressed page with pdfjs', async () => {
    const report = await scanDocument(
      'tech.pdf',
      minimalPdf('Tel 13900001111', '/Producer (X)', true),
      identity,
      {
        pdf: nodePdfReader,
      },
    );
    expect(kinds(report.findings)).toEqual(['genericPhone:medium']);
    expect(report.findings[0]?.where).toBe('第 1 页');
  });

  it('reads a low "author present" finding for an unrelated author', async () => {
    const report = await scanDocument('tech.pdf', minimalPdf('Hello', '/Author (Someone)'), identity, {
      pdf: nodePdfReader,
    });
    expect(report.findings.map((f) => `${f.kind}|${f.severity}|${f.excerpt}`)).toEqual([
      'metadata|low|作者：Someone',
    ]);
  });

  it.each([false, true])('falls back to the byte-level reader without pdfjs (flate: %s)', async (flate) => {
    const report = await scanDocument('tech.pdf', minimalPdf(PAGE_TEXT, INFO, flate), identity, {
      pdf: bytePdfReader,
    });
    expect(report.findings.map((f) => `${f.kind}|${f.severity}|${f.where}`)).toEqual([
      'metadata|high|文档属性：作者',
      'metadata|high|文档属性：标题',
      'phone|high|PDF 内容',
      'email|high|PDF 内容',
      'unsupported|low|整个文件',
    ]);
  });

  it.each([
    ['pdfjs', nodePdfReader],
    ['byte-level', bytePdfReader],
  ])('turns a broken PDF into a finding (%s)', async (_, reader) => {
    const broken = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog');
    const report = await scanDocument('broken.pdf', broken, identity, { pdf: reader });
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'unsupported',
        severity: 'high',
        message: expect.stringMatching(/^文件无法解析/),
      }),
    ]);
  });
});

// ── plain text and other types ────────────────────────────────────────────────────────────────────────

describe('scanDocument: text and other types', () => {
  it('scans UTF-8 text line by line', async () => {
    const md = '# 技术方案\n\n项目负责人：王小明\n联系方式：13812345678\n';
    const report = await scanDocument('方案.md', new TextEncoder().encode(md), identity);
    expect(report.kind).toBe('text');
    expect(report.findings.map((f) => `${f.kind}|${f.where}`)).toEqual(['person|第 3 行', 'phone|第 4 行']);
  });

  it('reports a file type it cannot check', async () => {
    const report = await scanDocument('方案.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), identity);
    expect(report.kind).toBe('unsupported');
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'unsupported',
        message: expect.stringContaining('无法检查该文件类型'),
      }),
    ]);
  });

  it('recognises a PDF by its header whatever its name', async () => {
    const report = await scanDocument('scan', minimalPdf('Hello', '/Author (Someone)'), identity, {
      pdf: nodePdfReader,
    });
    expect(report.kind).toBe('pdf');
  });
});
