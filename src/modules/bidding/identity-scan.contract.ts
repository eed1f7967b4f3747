/**
 * 暗标 identity-leak scan (issue 6; RULES.md §10.2): looks through a blind technical bid for anything that
 * tells who the bidder is — its name and short name, credit code, phones, e-mails, addresses, staff names —
 * and for the document residue that 暗标 rules forbid (author/company metadata, comments, tracked changes,
 * hidden text, images).
 *
 * It runs in two places, so it is isomorphic and imports nothing from Node:
 *  - in the supplier's browser before the bid is sealed (the server never sees plaintext before opening):
 *    a warning to the supplier;
 *  - on the server after opening: a report to the committee (pass `redact: true` so the report itself does
 *    not name the bidder to the evaluators).
 *
 * Formats: .docx (unzipped with jszip), .pdf (through a {@link PdfTextReader}: pdfjs-dist, see
 * {@link pdfjsTextReader}; without one a built-in byte-level reader sees the metadata and simple-font text
 * only), .txt/.md (UTF-8, GB18030 as a fallback). Anything else is reported as not checkable.
 */
import JSZip from 'jszip';

// ── the API ───────────────────────────────────────────────────────────────────────────────────────────

export interface BidderIdentity {
  /** Full registered names (and former names). */
  names: string[];
  shortNames: string[];
  creditCode: string | null;
  phones: string[];
  emails: string[];
  addresses: string[];
  /** Legal representative, staff, project manager … */
  people: string[];
}

export type LeakKind =
  | 'name'
  | 'shortName'
  | 'creditCode'
  | 'phone'
  | 'email'
  | 'address'
  | 'person'
  | 'metadata'
  | 'genericPhone'
  | 'genericEmail'
  | 'genericCreditCode'
  | 'comments'
  | 'trackedChanges'
  | 'hiddenText'
  | 'images'
  | 'unsupported';

export type LeakSeverity = 'high' | 'medium' | 'low';

export interface LeakFinding {
  kind: LeakKind;
  severity: LeakSeverity;
  /** Where, in Chinese: '正文第 12 段', '页眉', '第 3 页', '文档属性：作者' … */
  where: string;
  /** About 40 characters around the match, the match marked with 【】 ('' when there is no text to show). */
  excerpt: string;
  /** What is wrong, in Chinese. */
  message: string;
}

export interface ScanReport {
  fileName: string;
  kind: 'docx' | 'pdf' | 'text' | 'unsupported';
  findings: LeakFinding[];
  /** Characters of text (body, headers, metadata …) that were looked through. */
  scannedChars: number;
}

/** Page text and metadata of a PDF, as a {@link PdfTextReader} sees them. */
export interface PdfContent {
  /** Info dictionary: Author, Creator, Producer, Title, Subject, Keywords, and custom entries (Company …). */
  info: Record<string, string>;
  /** XMP properties by qualified name (dc:creator, pdf:Producer …); list values joined with '; '. */
  xmp: Record<string, string>;
  /** Text of each page in order; null when the reader could not read the pages (metadata only). */
  pages: string[] | null;
  /** Text the reader found but could not place on a page (the byte-level reader's content streams). */
  looseText?: string[];
}

/** Reads a PDF; throws when the bytes are not a readable PDF (an error named PasswordException if encrypted). */
export interface PdfTextReader {
  read(bytes: Uint8Array): Promise<PdfContent>;
}

export interface ScanOptions {
  /**
   * How PDFs are read. Node: `nodePdfReader` from identity-scan-pdf.ts. Browser: `pdfjsTextReader(pdfjs)`
   * with the worker configured (see {@link pdfjsTextReader}). Without it, {@link bytePdfReader}.
   */
  pdf?: PdfTextReader;
  /**
   * Leave the bidder's own identifiers out of excerpts and messages (the match becomes 【■■】): for the
   * report to the committee, who must not learn who the bidder is from the report itself.
   */
  redact?: boolean;
}

// ── normalisation and matching ────────────────────────────────────────────────────────────────────────

/** Text normalised for matching, with each UTF-16 unit's offset in the original. */
interface Normalised {
  text: string;
  map: number[];
  originalLength: number;
}

/** Zero-width characters and the soft hyphen: dropped, so they cannot split a name. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/;

/** NFKC (full-width → half-width, U+3000 → space …), lower case, invisible characters dropped. */
function normalise(text: string): Normalised {
  let out = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (!INVISIBLE.test(ch)) {
      const n = ch.normalize('NFKC').toLowerCase();
      out += n;
      for (let k = 0; k < n.length; k++) map.push(i);
    }
    i += ch.length;
  }
  return { text: out, map, originalLength: text.length };
}

/** The needle's form for matching: normalised, with every whitespace removed. */
const squeeze = (s: string): string => normalise(s).text.replace(/\s+/g, '');

const escapeRe = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A pattern for a needle in normalised text: whitespace (a full-width space, a line break in a PDF, Word's
 * justified spacing) may stand between any two of its characters; `sep` adds more such separators.
 */
function needlePattern(needle: string, sep = '\\s'): string {
  return Array.from(needle, escapeRe).join(`[${sep}]*`);
}

const isLatinAlnum = (ch: string | undefined): boolean => ch !== undefined && /[a-z0-9]/.test(ch);

/** Word guards for Latin needles: "abc" should not match inside "abcd"; long names match inside words too. */
function guarded(needle: string, pattern: string): string {
  if (needle.length >= 5) return pattern;
  const before = isLatinAlnum(needle[0]) ? '(?<![a-z0-9])' : '';
  const after = isLatinAlnum(needle[needle.length - 1]) ? '(?![a-z0-9])' : '';
  return before + pattern + after;
}

interface Needle {
  kind: LeakKind;
  re: RegExp;
  /** The identity value as given (shown in messages unless redacted). */
  label: string;
  what: string;
}

const ORG_SUFFIX =
  /(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|总公司|分公司|公司|事务所|研究院|设计院|中心)$/;
/** E-mail domains shared by everyone: the bidder's address there is a leak, the domain alone is not. */
const PUBLIC_MAIL_DOMAINS = new Set(
  'qq.com 163.com 126.com yeah.net sina.com sina.cn sohu.com 139.com 189.cn wo.cn aliyun.com foxmail.com gmail.com outlook.com hotmail.com live.com yahoo.com icloud.com msn.com'.split(
    ' ',
  ),
);
const ROAD = /(.{2})(大道|大街|街道|路|街|道|巷|弄|胡同)([0-9]+(?:-[0-9]+)?号)/;

function identityNeedles(identity: BidderIdentity): Needle[] {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  const add = (kind: LeakKind, label: string, needle: string, pattern: string, what: string): void => {
    const key = `${kind}\u0000${needle}`;
    if (!needle || seen.has(key)) return;
    seen.add(key);
    needles.push({ kind, label, what, re: new RegExp(pattern, 'gu') });
  };
  const text = (kind: LeakKind, label: string, what: string, min = 2): void => {
    const n = squeeze(label);
    if ([...n].length >= min) add(kind, label, n, guarded(n, needlePattern(n)), what);
  };

  for (const name of identity.names) {
    text('name', name, '投标人名称');
    // "华为技术有限公司" is often written "华为技术": the name without its organisational suffix, if still long.
    const core = squeeze(name).replace(ORG_SUFFIX, '');
    if (core !== squeeze(name) && [...core].length >= 4) text('name', core, '投标人名称');
  }
  // Short names of two characters (中建, 华为) are kept and reported high: in a 暗标 even "中建" gives the
  // bidder away, though it may also be an ordinary word; the committee reads the excerpt and decides.
  for (const s of identity.shortNames) text('shortName', s, '投标人简称');
  for (const p of identity.people) text('person', p, '投标人人员姓名');

  if (identity.creditCode) {
    const n = squeeze(identity.creditCode);
    if (n.length >= 15)
      add(
        'creditCode',
        identity.creditCode,
        n,
        `(?<![0-9a-z])${needlePattern(n)}(?![0-9a-z])`,
        '投标人统一社会信用代码',
      );
  }

  for (const phone of identity.phones) {
    const digits = normalise(phone)
      .text.replace(/^\+?86(?=1[3-9]\d{9}$)/, '')
      .replace(/\D/g, '');
    if (digits.length < 7) continue;
    const pat = (d: string): string =>
      `(?:(?<=86)|(?<![0-9]))${needlePattern(d, '\\s\\-.()（）—－')}(?![0-9])`;
    add('phone', phone, digits, pat(digits), '投标人联系电话');
    // A landline is often written without its area code.
    const local = /^0\d{2,3}(\d{7,8})$/.exec(digits)?.[1];
    if (local) add('phone', phone, local, pat(local), '投标人联系电话');
  }

  for (const email of identity.emails) {
    const n = squeeze(email);
    if (!n.includes('@')) continue;
    add('email', email, n, `(?<![a-z0-9._%+-])${needlePattern(n)}(?![a-z0-9-])`, '投标人电子邮箱');
    const domain = n.slice(n.indexOf('@') + 1);
    if (domain.includes('.') && !PUBLIC_MAIL_DOMAINS.has(domain)) {
      add(
        'email',
        domain,
        `@${domain}`,
        `(?<![a-z0-9-])${escapeRe(domain)}(?![a-z0-9-])`,
        '投标人网址或邮箱域名',
      );
    }
  }

  for (const address of identity.addresses) {
    text('address', address, '投标人地址', 4);
    // The road and number alone ("…科技南路18号" → "技南路18号"): documents seldom repeat the whole address.
    const road = ROAD.exec(squeeze(address));
    if (road) text('address', road[0], '投标人地址（路名门牌）', 4);
  }
  return needles;
}

const needleCache = new WeakMap<BidderIdentity, Needle[]>();
function needlesOf(identity: BidderIdentity): Needle[] {
  let n = needleCache.get(identity);
  if (!n) needleCache.set(identity, (n = identityNeedles(identity)));
  return n;
}

// ── generic patterns (not the bidder's own, but identifying) ──────────────────────────────────────────

const MOBILE = /(?<![0-9])1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])/g;
const LANDLINE = /(?<![0-9-])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[\s-]?[0-9]{7,8}(?![0-9])/g;
const HOTLINE = /(?<![0-9])[48]00[\s-]?[0-9]{3}[\s-]?[0-9]{4}(?![0-9])/g;
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9-])/g;
const CREDIT_CANDIDATE = /(?<![0-9a-z])[0-9a-hj-np-rtuwxy]{18}(?![0-9a-z])/g;

/** GB 32100-2015 characters (no I, O, S, V, Z) and weights 3^(i−1) mod 31. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Whether an 18-character code is a well-formed 统一社会信用代码: registration authority 1–9/A/N/Y, six
 * digits of administrative division, and the check character C18 = 31 − (Σ Ci·Wi mod 31), 31 → 0.
 * (src/modules/orgs/rules.ts has the full validator; it is not a contract file, so the checksum is here too.)
 */
export function isValidCreditCode(code: string): boolean {
  const c = code.toUpperCase();
  if (!/^[1-9ANY][0-9A-HJ-NP-RTUWXY][0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(c)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(c[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === c[17];
}

// ── findings ──────────────────────────────────────────────────────────────────────────────────────────

interface Hit {
  kind: LeakKind;
  severity: LeakSeverity;
  start: number;
  end: number;
  message: string;
  /** The bidder's own identifier: hidden when redacting. */
  own: boolean;
}

const RANK: Record<LeakSeverity, number> = { high: 0, medium: 1, low: 2 };
const EXCERPT_SIDE = 18;

function excerptOf(text: string, start: number, end: number, redact: boolean): string {
  const from = Math.max(0, start - EXCERPT_SIDE);
  const to = Math.min(text.length, end + EXCERPT_SIDE);
  const flat = (s: string): string => s.replace(/\s+/g, ' ');
  const match = redact ? '■■' : flat(text.slice(start, end));
  return `${from > 0 ? '…' : ''}${flat(text.slice(from, start))}【${match}】${flat(text.slice(end, to))}${to < text.length ? '…' : ''}`;
}

/**
 * Looks through one piece of text for the bidder's identifiers (severity high) and for phones, e-mails and
 * credit codes that identify someone even if not the bidder (medium). Overlapping matches are reported
 * once: the more severe, then the longer.
 */
export function scanText(
  text: string,
  identity: BidderIdentity,
  where: string,
  options: Pick<ScanOptions, 'redact'> = {},
): LeakFinding[] {
  if (!text) return [];
  const redact = options.redact ?? false;
  const n = normalise(text);
  const hits: Hit[] = [];
  for (const needle of needlesOf(identity)) {
    needle.re.lastIndex = 0;
    for (const m of n.text.matchAll(needle.re)) {
      const message = redact ? `出现${needle.what}` : `出现${needle.what}“${needle.label}”`;
      hits.push({
        kind: needle.kind,
        severity: 'high',
        start: m.index,
        end: m.index + m[0].length,
        message,
        own: true,
      });
    }
  }
  const generic = (
    re: RegExp,
    kind: LeakKind,
    message: string,
    keep: (s: string) => boolean = () => true,
  ): void => {
    for (const m of n.text.matchAll(re)) {
      if (keep(m[0]))
        hits.push({
          kind,
          severity: 'medium',
          start: m.index,
          end: m.index + m[0].length,
          message,
          own: false,
        });
    }
  };
  generic(MOBILE, 'genericPhone', '出现手机号码，可能暴露投标人身份');
  generic(LANDLINE, 'genericPhone', '出现固定电话号码，可能暴露投标人身份');
  generic(HOTLINE, 'genericPhone', '出现服务热线号码，可能暴露投标人身份');
  generic(EMAIL, 'genericEmail', '出现电子邮箱，可能暴露投标人身份');
  generic(
    CREDIT_CANDIDATE,
    'genericCreditCode',
    '出现统一社会信用代码，可能暴露投标人身份',
    isValidCreditCode,
  );

  hits.sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  kept.sort((a, b) => a.start - b.start);

  const orig = (i: number): number => (i < n.map.length ? (n.map[i] ?? n.originalLength) : n.originalLength);
  return kept.map((h) => ({
    kind: h.kind,
    severity: h.severity,
    where,
    excerpt: excerptOf(text, orig(h.start), orig(h.end), redact && h.own),
    message: h.message,
  }));
}

const MAX_SAME_FINDINGS = 20;

/** Collects findings and counts the scanned characters; caps repeats so a report stays readable. */
class Collector {
  readonly findings: LeakFinding[] = [];
  scannedChars = 0;
  private readonly counts = new Map<string, number>();
  constructor(
    readonly identity: BidderIdentity,
    readonly redact: boolean,
  ) {}

  text(text: string, where: string): LeakFinding[] {
    this.scannedChars += text.length;
    const found = scanText(text, this.identity, where, { redact: this.redact });
    for (const f of found) this.add(f);
    return found;
  }

  add(f: LeakFinding): void {
    const key = `${f.kind}\u0000${f.message}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= MAX_SAME_FINDINGS) this.findings.push(f);
    else if (count === MAX_SAME_FINDINGS + 1) {
      this.findings.push({
        ...f,
        where: '（多处）',
        excerpt: '',
        message: `${f.message}（另有更多处，未逐一列出）`,
      });
    }
  }

  /**
   * A metadata field. `always`: author, last-modified-by, company, manager — reported when present at all
   * (low), high when it names the bidder; the others (title, producer …) only when they match something.
   */
  metadata(label: string, value: string, always: boolean): void {
    const v = value.trim();
    if (!v) return;
    const where = `文档属性：${label}`;
    this.scannedChars += v.length;
    const found = scanText(v, this.identity, where, { redact: this.redact });
    const severity: LeakSeverity = found.some((f) => f.severity === 'high')
      ? 'high'
      : found.length > 0
        ? 'medium'
        : 'low';
    if (!always && found.length === 0) return;
    const shown = this.redact && severity !== 'low' ? '■■' : v.length > 40 ? `${v.slice(0, 40)}…` : v;
    const why = found.length > 0 ? `，${[...new Set(found.map((f) => f.message))].join('；')}` : '';
    this.add({
      kind: 'metadata',
      severity,
      where,
      excerpt: `${label}：${shown}`,
      message: `文档属性“${label}”未清除${why}，请在上传前删除文档属性和个人信息`,
    });
  }
}

const unparsable = (fileName: string, kind: ScanReport['kind'], detail: string): ScanReport => ({
  fileName,
  kind,
  scannedChars: 0,
  findings: [
    {
      kind: 'unsupported',
      severity: 'high',
      where: '整个文件',
      excerpt: '',
      message: `文件无法解析（${detail}），无法检查是否泄露投标人身份，请重新生成文件后再上传`,
    },
  ],
});

// ── entry point ───────────────────────────────────────────────────────────────────────────────────────

const startsWith = (bytes: Uint8Array, sig: string): boolean =>
  bytes.length >= sig.length && Array.from(sig).every((c, i) => bytes[i] === c.charCodeAt(0));

/** Scans one document of a 暗标. Never throws for bad input: an unreadable file is itself a finding. */
export async function scanDocument(
  fileName: string,
  bytes: Uint8Array,
  identity: BidderIdentity,
  options: ScanOptions = {},
): Promise<ScanReport> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const c = new Collector(identity, options.redact ?? false);
  if (ext === 'docx' || ext === 'docm' || ext === 'dotx') {
    try {
      await scanDocx(bytes, c);
    } catch (e) {
      return unparsable(fileName, 'docx', errorText(e, '不是有效的 Word（.docx）文件'));
    }
    return { fileName, kind: 'docx', findings: c.findings, scannedChars: c.scannedChars };
  }
  if (ext === 'pdf' || (ext !== 'txt' && ext !== 'md' && startsWith(bytes, '%PDF-'))) {
    try {
      await scanPdf(bytes, c, options.pdf ?? bytePdfReader);
    } catch (e) {
      const encrypted = e instanceof Error && e.name === 'PasswordException';
      return unparsable(
        fileName,
        'pdf',
        encrypted ? 'PDF 已加密，请去除密码' : errorText(e, '不是有效的 PDF 文件'),
      );
    }
    return { fileName, kind: 'pdf', findings: c.findings, scannedChars: c.scannedChars };
  }
  if (ext === 'txt' || ext === 'md' || ext === 'markdown') {
    const text = decodeText(bytes);
    text.split(/\r?\n/).forEach((line, i) => c.text(line, `第 ${i + 1} 行`));
    return { fileName, kind: 'text', findings: c.findings, scannedChars: c.scannedChars };
  }
  return {
    fileName,
    kind: 'unsupported',
    scannedChars: 0,
    findings: [
      {
        kind: 'unsupported',
        severity: 'medium',
        where: '整个文件',
        excerpt: '',
        message: `无法检查该文件类型（.${ext || '无扩展名'}），请人工确认其中不含投标人身份信息，或改用 .docx、.pdf 格式`,
      },
    ],
  };
}

function errorText(e: unknown, fallback: string): string {
  const m = e instanceof Error ? e.message : '';
  return m ? `${fallback}：${m.slice(0, 80)}` : fallback;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

// ── .docx ─────────────────────────────────────────────────────────────────────────────────────────────

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e] ?? all;
  });
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : decodeXml(m[1]);
};

interface WordParagraph {
  text: string;
  /** Paragraph number among the part's top-level paragraphs (table cells included). */
  index: number;
  nested: boolean;
  inTable: boolean;
}

interface WordPart {
  paragraphs: WordParagraph[];
  /** w:ins, w:del, w:moveFrom/To and formatting changes. */
  revisions: number;
  hidden: { text: string; index: number }[];
  /** Authors of revisions and comments. */
  authors: Set<string>;
  comments: number;
}

const REVISION = new Set([
  'w:ins',
  'w:del',
  'w:moveFrom',
  'w:moveTo',
  'w:rPrChange',
  'w:pPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
]);

/**
 * Walks WordprocessingML: the text of each w:p is its w:t (and w:delText) runs joined, so a name split
 * across runs is one string. Paragraphs inside text boxes are their own paragraphs; mc:Fallback copies are
 * skipped (they repeat mc:Choice).
 */
function readWordXml(xml: string): WordPart {
  const part: WordPart = { paragraphs: [], revisions: 0, hidden: [], authors: new Set(), comments: 0 };
  const stack: string[] = [];
  const paras: { text: string; hidden: string }[] = [];
  let top = 0;
  let runHidden = false;
  let fallback = 0;
  for (const m of xml.matchAll(/<[^>]*>|[^<]+/g)) {
    const tok = m[0];
    if (tok[0] !== '<') {
      const cur = stack[stack.length - 1];
      const p = paras[paras.length - 1];
      if (fallback === 0 && p && (cur === 'w:t' || cur === 'w:delText' || cur === 'w:instrText')) {
        const t = decodeXml(tok);
        p.text += cur === 'w:instrText' ? ` ${t} ` : t;
        if (runHidden) p.hidden += t;
      }
      continue;
    }
    if (tok[1] === '?' || tok[1] === '!') continue;
    const closing = tok[1] === '/';
    const name = /^<\/?([^\s/>]+)/.exec(tok)?.[1] ?? '';
    const selfClosing = tok.endsWith('/>');
    if (closing) {
      const i = stack.lastIndexOf(name);
      if (i >= 0) stack.length = i;
      if (name === 'mc:Fallback') fallback = Math.max(0, fallback - 1);
      if (name === 'w:p' && fallback === 0) {
        const p = paras.pop();
        if (!p) continue;
        const nested = paras.length > 0;
        const index = nested ? top + 1 : ++top;
        part.paragraphs.push({ text: p.text, index, nested, inTable: stack.includes('w:tbl') });
        if (p.hidden.trim()) part.hidden.push({ text: p.hidden, index });
      }
      if (name === 'w:r') runHidden = false;
      continue;
    }
    if (name === 'mc:Fallback') fallback++;
    if (fallback > 0) {
      if (!selfClosing) stack.push(name);
      continue;
    }
    if (name === 'w:p' && !selfClosing) paras.push({ text: '', hidden: '' });
    else if (name === 'w:r') runHidden = false;
    else if (name === 'w:comment') part.comments++;
    else if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && paras.length > 0) {
      const p = paras[paras.length - 1];
      if (p) p.text += ' ';
    } else if (
      name === 'w:vanish' &&
      stack[stack.length - 1] === 'w:rPr' &&
      stack[stack.length - 2] === 'w:r'
    ) {
      runHidden = !/\sw:val="(false|0|off)"/.test(tok);
    }
    if (REVISION.has(name)) part.revisions++;
    if (REVISION.has(name) || name === 'w:comment') {
      const author = attr(tok, 'w:author');
      if (author?.trim()) part.authors.add(author.trim());
    }
    if (!selfClosing) stack.push(name);
  }
  return part;
}

function tagText(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m?.[1] === undefined ? '' : decodeXml(m[1].replace(/<[^>]*>/g, ' ')).trim();
}

const PART_NAMES: [RegExp, string][] = [
  [/^word\/header\d*\.xml$/, '页眉'],
  [/^word\/footer\d*\.xml$/, '页脚'],
  [/^word\/footnotes\.xml$/, '脚注'],
  [/^word\/endnotes\.xml$/, '尾注'],
  [/^word\/comments\.xml$/, '批注'],
];

async function scanDocx(bytes: Uint8Array, c: Collector): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string): Promise<string | null> =>
    (await zip.file(path)?.async('string')) ?? null;
  const body = await read('word/document.xml');
  if (body === null) throw new Error('缺少 word/document.xml');

  const parts: { path: string; label: string; xml: string }[] = [
    { path: 'word/document.xml', label: '正文', xml: body },
  ];
  const paths = Object.keys(zip.files).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const path of paths) {
    const label = PART_NAMES.find(([re]) => re.test(path))?.[1];
    const xml = label ? await read(path) : null;
    if (label && xml !== null) parts.push({ path, label, xml });
  }

  let revisions = 0;
  const revisionAuthors = new Set<string>();
  for (const { label, xml, path } of parts) {
    const w = readWordXml(xml);
    for (const p of w.paragraphs) {
      const where =
        label === '正文'
          ? `正文第 ${p.index} 段${p.nested ? '（文本框）' : p.inTable ? '（表格）' : ''}`
          : label;
      c.text(p.text, where);
    }
    if (label === '批注') {
      if (w.comments > 0) commentsFinding(c, w.comments, w.authors);
    } else {
      revisions += w.revisions;
      for (const a of w.authors) revisionAuthors.add(a);
    }
    const first = w.hidden[0];
    if (first) {
      const total = w.hidden.reduce((s, h) => s + h.text.length, 0);
      const where = label === '正文' ? `正文第 ${first.index} 段` : label;
      const shown = c.redact ? '' : first.text.replace(/\s+/g, ' ').slice(0, 40);
      c.add({
        kind: 'hiddenText',
        severity: 'medium',
        where,
        excerpt: shown ? `【${shown}】` : '',
        message: `${path === 'word/document.xml' ? '正文' : label}含隐藏文字（${w.hidden.length} 处，共 ${total} 字），请删除隐藏文字后再上传`,
      });
    }
  }
  if (revisions > 0) {
    const authors = [...revisionAuthors];
    const own = authors.some((a) => scanText(a, c.identity, '').some((f) => f.severity === 'high'));
    c.add({
      kind: 'trackedChanges',
      severity: own ? 'high' : 'medium',
      where: '修订记录',
      excerpt: '',
      message: `文档含修订记录（${revisions} 处${authors.length && !c.redact ? `，修订者：${authors.join('、')}` : ''}），请接受或拒绝全部修订后再上传`,
    });
  }

  // word/people.xml lists the people who commented or revised.
  const people = await read('word/people.xml');
  if (people)
    for (const m of people.matchAll(/\sw15:author="([^"]*)"/g))
      c.metadata('审阅者', decodeXml(m[1] ?? ''), false);

  const core = await read('docProps/core.xml');
  if (core) {
    c.metadata('作者', tagText(core, 'dc:creator'), true);
    c.metadata('最后修改者', tagText(core, 'cp:lastModifiedBy'), true);
    c.metadata('标题', tagText(core, 'dc:title'), false);
    c.metadata('主题', tagText(core, 'dc:subject'), false);
    c.metadata('关键词', tagText(core, 'cp:keywords'), false);
    c.metadata('备注', tagText(core, 'dc:description'), false);
    c.metadata('类别', tagText(core, 'cp:category'), false);
  }
  const app = await read('docProps/app.xml');
  if (app) {
    c.metadata('单位', tagText(app, 'Company'), true);
    c.metadata('经理', tagText(app, 'Manager'), true);
    c.metadata('超链接基础', tagText(app, 'HyperlinkBase'), false);
  }
  const custom = await read('docProps/custom.xml');
  if (custom) {
    for (const m of custom.matchAll(/<property\s[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/property>/g)) {
      c.metadata(
        `自定义属性“${decodeXml(m[1] ?? '')}”`,
        decodeXml((m[2] ?? '').replace(/<[^>]*>/g, ' ')),
        false,
      );
    }
  }

  // External links (mailto:, the company web site) live in the relationships, not in the text.
  for (const path of paths.filter((p) => /^word\/_rels\/.*\.rels$/.test(p))) {
    const rels = (await read(path)) ?? '';
    for (const m of rels.matchAll(/<Relationship\s[^>]*>/g)) {
      if (!/TargetMode="External"/.test(m[0])) continue;
      let target = attr(m[0], 'Target') ?? '';
      try {
        target = decodeURIComponent(target);
      } catch {
        // keep it encoded
      }
      c.text(target, '超链接');
    }
  }

  // Alternative text and names of pictures and shapes ("公司 logo", "华为大厦") are not w:t runs.
  for (const { label, xml } of parts) {
    for (const m of xml.matchAll(/<(?:wp:docPr|pic:cNvPr)\s[^>]*>/g)) {
      const alt = ['descr', 'title', 'name'].map((a) => attr(m[0], a) ?? '').filter(Boolean);
      if (alt.length > 0) c.text(alt.join(' '), `${label}（图片说明）`);
    }
  }

  const images = paths.filter((p) => /^word\/media\//.test(p) && !zip.files[p]?.dir);
  if (images.length > 0) {
    c.add({
      kind: 'images',
      severity: 'low',
      where: '图片',
      excerpt: '',
      message: `文档含 ${images.length} 张图片：请确认招标文件是否允许暗标含图片；图片中的标志、签章、人名无法自动检查，请人工核对`,
    });
  }
}

function commentsFinding(c: Collector, count: number, authors: Set<string>): void {
  const list = [...authors];
  const own = list.some((a) => scanText(a, c.identity, '').some((f) => f.severity === 'high'));
  c.add({
    kind: 'comments',
    severity: own ? 'high' : 'medium',
    where: '批注',
    excerpt: '',
    message: `含批注（${count} 条${list.length && !c.redact ? `，批注者：${list.join('、')}` : ''}），请删除全部批注后再上传`,
  });
}

// ── .pdf ──────────────────────────────────────────────────────────────────────────────────────────────

/** Info entries reported whenever present, and their Chinese labels. */
const PDF_ALWAYS: Record<string, string> = { Author: '作者', Company: '单位', Manager: '经理' };
const PDF_LABELS: Record<string, string> = {
  Author: '作者',
  Creator: '创建程序',
  Producer: 'PDF 生成器',
  Title: '标题',
  Subject: '主题',
  Keywords: '关键词',
  Company: '单位',
  Manager: '经理',
  'dc:creator': '作者（XMP）',
  'dc:title': '标题（XMP）',
  'dc:description': '主题（XMP）',
  'pdf:Producer': 'PDF 生成器（XMP）',
  'pdf:Keywords': '关键词（XMP）',
  'xmp:CreatorTool': '创建程序（XMP）',
};

async function scanPdf(bytes: Uint8Array, c: Collector, reader: PdfTextReader): Promise<void> {
  const pdf = await reader.read(bytes);
  for (const [key, value] of Object.entries(pdf.info)) {
    c.metadata(PDF_LABELS[key] ?? `自定义属性“${key}”`, value, key in PDF_ALWAYS);
  }
  for (const [key, value] of Object.entries(pdf.xmp)) {
    c.metadata(PDF_LABELS[key] ?? `XMP：${key}`, value, key === 'dc:creator');
  }
  pdf.pages?.forEach((text, i) => c.text(text, `第 ${i + 1} 页`));
  for (const text of pdf.looseText ?? []) c.text(text, 'PDF 内容');
  if (pdf.pages === null) {
    c.add({
      kind: 'unsupported',
      severity: 'low',
      where: '整个文件',
      excerpt: '',
      message: '只检查了 PDF 的文档属性和简单编码的文字，中文正文未能逐页检查，请人工核对',
    });
  }
}

/** The subset of pdfjs-dist this scanner uses (so any pdfjs build — legacy, modern, a CDN copy — fits). */
export interface PdfjsModule {
  getDocument(src: PdfjsParams): { promise: Promise<unknown>; destroy(): Promise<void> };
}
/** Parameters passed to pdfjs `getDocument`, besides the data. */
export interface PdfjsParams {
  data?: Uint8Array;
  isEvalSupported?: boolean;
  disableFontFace?: boolean;
  useSystemFonts?: boolean;
  verbosity?: number;
  cMapUrl?: string;
  cMapPacked?: boolean;
  standardFontDataUrl?: string;
}
interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; cleanup(): unknown }>;
  getMetadata(): Promise<{ info?: unknown; metadata?: unknown }>;
}

const asText = (v: unknown): string | null =>
  typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('; ') : null;

/**
 * A {@link PdfTextReader} on a pdfjs-dist module. The caller sets the module up for its platform:
 *
 * Node (the server, after opening): `nodePdfReader` in identity-scan-pdf.ts, on the legacy build, which
 * runs the worker code in-process (pdfjs's "fake worker") when no worker is configured.
 *
 * Browser (the supplier, before sealing), with Vite:
 * ```ts
 * const pdfjs = await import('pdfjs-dist'); // lazily: about 400 kB, only when a PDF is scanned
 * const { default: workerUrl } = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
 * pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
 * const report = await scanDocument(file.name, bytes, identity, { pdf: pdfjsTextReader(pdfjs) });
 * ```
 * (Chinese PDFs with non-embedded fonts need pdfjs's CMaps: copy node_modules/pdfjs-dist/cmaps to the site
 * and pass `{ cMapUrl: '/pdfjs/cmaps/', cMapPacked: true }`.)
 */
export function pdfjsTextReader(pdfjs: PdfjsModule, params: PdfjsParams = {}): PdfTextReader {
  return {
    async read(bytes) {
      const task = pdfjs.getDocument({
        isEvalSupported: false,
        disableFontFace: true,
        useSystemFonts: false,
        verbosity: 0,
        ...params,
        // A copy: pdfjs may transfer the buffer to its worker, and the caller still has to seal the bytes.
        data: bytes.slice(),
      });
      try {
        const doc = (await task.promise) as PdfjsDocument;
        const { info, metadata } = await doc.getMetadata();
        const content: PdfContent = { info: {}, xmp: {}, pages: [] };
        for (const [k, v] of Object.entries((info ?? {}) as Record<string, unknown>)) {
          if (k === 'Custom' && v && typeof v === 'object') {
            for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) {
              const t = asText(cv);
              if (t) content.info[ck] = t;
            }
          } else if (PDF_LABELS[k] !== undefined) {
            const t = asText(v);
            if (t) content.info[k] = t;
          }
        }
        if (metadata && typeof (metadata as Iterable<unknown>)[Symbol.iterator] === 'function') {
          for (const entry of metadata as Iterable<unknown>) {
            if (!Array.isArray(entry)) continue;
            const [k, v] = entry as [unknown, unknown];
            const t = asText(v);
            if (typeof k === 'string' && t) content.xmp[k] = t;
          }
        }
        const pages: string[] = [];
        for (let i = 1; i <= doc.numPages; i++) {
          const page = await doc.getPage(i);
          const { items } = await page.getTextContent();
          let text = '';
          for (const item of items) {
            if (item && typeof item === 'object' && 'str' in item && typeof item.str === 'string') {
              text += item.str + ('hasEOL' in item && item.hasEOL ? '\n' : '');
            }
          }
          pages.push(text);
          page.cleanup();
        }
        content.pages = pages;
        return content;
      } finally {
        await task.destroy();
      }
    },
  };
}

/**
 * A PDF reader without pdfjs: the Info dictionary, the XMP packet, and the strings of text operators in
 * uncompressed and Flate content streams (DecompressionStream, in browsers and Node). It cannot map glyphs of
 * embedded CID fonts (most Chinese text) back to characters and does not know pages: `pages` is null.
 */
export const bytePdfReader: PdfTextReader = {
  async read(bytes) {
    const head = latin1(bytes.subarray(0, 1024));
    if (!head.includes('%PDF-')) throw new Error('缺少 PDF 文件头');
    const raw = latin1(bytes);
    if (!/%%EOF/.test(raw.slice(-2048))) throw new Error('文件不完整');
    if (/\/Encrypt\s/.test(raw)) {
      const e = new Error('PDF 已加密');
      e.name = 'PasswordException';
      throw e;
    }
    const content: PdfContent = { info: {}, xmp: {}, pages: null, looseText: [] };
    for (const m of raw.matchAll(
      /\/(Author|Creator|Producer|Title|Subject|Keywords|Company|Manager)\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9a-fA-F\s]*>)/g,
    )) {
      const v = pdfString(m[2] ?? '');
      if (v.trim() && m[1]) content.info[m[1]] = v;
    }
    const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(raw)?.[0];
    if (xmp) {
      const x = new TextDecoder().decode(Uint8Array.from(xmp, (ch) => ch.charCodeAt(0)));
      for (const tag of [
        'dc:creator',
        'dc:title',
        'dc:description',
        'pdf:Producer',
        'pdf:Keywords',
        'xmp:CreatorTool',
      ]) {
        const v = tagText(x, tag).replace(/\s+/g, ' ');
        const attrV = new RegExp(`\\s${tag}="([^"]*)"`).exec(x)?.[1];
        if (v || attrV) content.xmp[tag] = v || decodeXml(attrV ?? '');
      }
    }
    for (const m of raw.matchAll(/\bstream\r?\n/g)) {
      const start = m.index + m[0].length;
      const end = raw.indexOf('endstream', start);
      const dict = raw.slice(Math.max(raw.lastIndexOf(' obj', m.index), m.index - 4000, 0), m.index);
      if (end < 0 || /\/Subtype\s*\/(Image|XML)|\/Type\s*\/(XRef|ObjStm|Metadata)/.test(dict)) continue;
      let stop = end;
      while (stop > start && (raw[stop - 1] === '\n' || raw[stop - 1] === '\r')) stop--;
      let data = bytes.subarray(start, stop);
      if (/\/FlateDecode/.test(dict)) {
        if (/\/DecodeParms/.test(dict)) continue;
        try {
          data = await inflate(data);
        } catch {
          continue;
        }
      } else if (/\/Filter/.test(dict)) continue;
      const text = textOperators(latin1(data));
      if (text.trim()) content.looseText?.push(text);
    }
    return content;
  },
};

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A PDF string object: literal `( … )` with escapes, or `<hex>`; UTF-16BE with a BOM, else PDFDocEncoding. */
function pdfString(tok: string): string {
  let bin = '';
  if (tok.startsWith('<')) {
    const hex = tok.slice(1, -1).replace(/\s/g, '');
    for (let i = 0; i < hex.length; i += 2)
      bin += String.fromCharCode(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else {
    const body = tok.slice(1, -1);
    bin = body.replace(/\\(\r\n|[\r\n]|[0-7]{1,3}|[\s\S])/g, (_, e: string) => {
      if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
      return (
        ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ??
        (/^[\r\n]/.test(e) ? '' : e)
      );
    });
  }
  if (bin.startsWith('\u00fe\u00ff')) {
    let s = '';
    for (let i = 2; i + 1 < bin.length; i += 2)
      s += String.fromCharCode((bin.charCodeAt(i) << 8) | bin.charCodeAt(i + 1));
    return s;
  }
  if (bin.startsWith('\u00ef\u00bb\u00bf'))
    return new TextDecoder().decode(Uint8Array.from(bin.slice(3), (ch) => ch.charCodeAt(0)));
  return bin;
}

/** The strings shown by Tj, TJ, ' and " in a content stream, one line per text object. */
function textOperators(stream: string): string {
  const lines: string[] = [];
  for (const bt of stream.matchAll(/BT\b([\s\S]*?)\bET/g)) {
    let line = '';
    for (const m of (bt[1] ?? '').matchAll(
      /\((?:\\[\s\S]|[^\\)])*\)|<[0-9a-fA-F\s]*>|\b(?:Td|TD|T\*|Tm)\b/g,
    )) {
      if (m[0][0] === '(' || m[0][0] === '<') line += pdfString(m[0]);
      else line += ' ';
    }
    lines.push(line.trim());
  }
  return lines.join('\n');
}
