/**
 * Renders a centre's template with a project's data into format-neutral blocks. Pure: no clock, no I/O.
 *
 * Template body syntax (one paragraph per line): `## ` and `### ` start sub-headings; consecutive lines starting
 * with `|` form a table whose first line is the header; `{{name}}` is replaced by a value; a block placeholder
 * (`{{lots}}`, `{{scoring}}` …) stands alone on its line and expands to a table or a list. A placeholder the
 * renderer does not know is an error, never left in the text, so a centre editing a template is told at once.
 */
import { AppError } from '../../../platform/errors.ts';
import type { Requirements } from '../contract.ts';
import type {
  Block,
  ProjectCategory,
  ProjectMethod,
  RenderInput,
  RenderLot,
  RenderedDocument,
  TemplateSection,
} from './model.ts';

// ── Money ─────────────────────────────────────────────────────────────────────────────────────────────

/** Fen as yuan with thousands separators and two decimals: 123456789n → '1,234,567.89'. */
export function yuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

const DIGIT = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACE = ['仟', '佰', '拾', ''] as const;

function digitWord(d: bigint): string {
  return DIGIT[Number(d)] ?? '';
}

/** 1–9999 in capitals; zeros between digits read as one 零, trailing zeros are silent. */
function groupWords(n: bigint): string {
  const digits = n.toString().padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = BigInt(digits.charCodeAt(i) - 48);
    if (d === 0n) {
      zero = out !== '';
    } else {
      if (zero) out += '零';
      out += digitWord(d) + PLACE[i];
      zero = false;
    }
  }
  return out;
}

/** A positive integer below 10^8: up to two groups joined by 万, with 零 where the lower group starts with zeros. */
function belowYi(n: bigint): string {
  const high = n / 10000n;
  const low = n % 10000n;
  if (high === 0n) return groupWords(low);
  let out = `${groupWords(high)}万`;
  if (low > 0n) out += (low < 1000n ? '零' : '') + groupWords(low);
  return out;
}

function integerWords(n: bigint): string {
  if (n < 100000000n) return belowYi(n);
  const high = n / 100000000n;
  const low = n % 100000000n;
  let out = `${integerWords(high)}亿`;
  if (low > 0n) out += (low < 10000000n ? '零' : '') + belowYi(low);
  return out;
}

/**
 * 人民币大写 of an amount in fen, following 《支付结算办法》 附一 (中文大写金额数字的书写): “整” after 元, none after
 * 分 or 角; 零 where a zero run sits between non-zero digits and before 分 when 角 is zero.
 * 123456789n → 壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分; 100000000n → 壹佰万元整; 1000001n → 壹万元零壹分; 5n → 伍分.
 */
export function yuanInWords(fen: bigint): string {
  if (fen < 0n) return `负${yuanInWords(-fen)}`;
  if (fen === 0n) return '零元整';
  const whole = fen / 100n;
  const jiao = (fen / 10n) % 10n;
  const fenDigit = fen % 10n;
  let out = whole > 0n ? `${integerWords(whole)}元` : '';
  if (jiao === 0n && fenDigit === 0n) return `${out}整`;
  if (jiao > 0n) out += `${digitWord(jiao)}角`;
  else if (whole > 0n) out += '零';
  if (fenDigit > 0n) out += `${digitWord(fenDigit)}分`;
  return out;
}

/** '1,234,567.89元（人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分）' */
export function moneyPhrase(fen: bigint): string {
  return `${yuan(fen)}元（人民币${yuanInWords(fen)}）`;
}

/** Basis points as a percentage without float noise: 3000 → '30%', 250 → '2.5%', 1234 → '12.34%'. */
export function percent(bp: number): string {
  return `${points(bp)}%`;
}

/** Basis points of a 100-point total as points: 3000 → '30', 1550 → '15.5'. */
function points(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

// ── Dates (Asia/Shanghai) ─────────────────────────────────────────────────────────────────────────────

/** A Shanghai calendar day `YYYY-MM-DD` as 2026年4月2日. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const shanghai = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Beijing time: 2026年4月2日 09:30 北京时间. */
export function formatInstant(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    shanghai.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${Number(part('month'))}月${Number(part('day'))}日 ${part('hour')}:${part('minute')} 北京时间`;
}

/** What a date not yet fixed reads as in a draft rendered before publication. */
export const PENDING = '【发布时确定】';

// ── Labels ────────────────────────────────────────────────────────────────────────────────────────────

export const METHOD_LABEL: Record<ProjectMethod, string> = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  negotiation: '竞争性谈判',
  consultation: '竞争性磋商',
  rfq: '询价',
  singleSource: '单一来源',
};

export const EVALUATION_LABEL: Record<Requirements['evaluationMethod'], string> = {
  lowestPrice: '最低评标价法',
  bestValue: '综合评分法',
  priceLottery: '合理定价评审抽签法',
};

export const CATEGORY_LABEL: Record<ProjectCategory, string> = {
  goods: '货物',
  works: '工程',
  services: '服务',
};

/** What the procurement document itself is called under each method. */
export const DOCUMENT_NAME: Record<ProjectMethod, string> = {
  openTender: '招标文件',
  invitedTender: '招标文件',
  negotiation: '竞争性谈判文件',
  consultation: '竞争性磋商文件',
  rfq: '询价通知书',
  singleSource: '单一来源采购文件',
};

// ── Policy sentences (shared with the notices) ────────────────────────────────────────────────────────

const SME_SUBJECT: Record<ProjectCategory, string> = {
  goods: '所提供的货物均由中小企业制造',
  works: '工程由中小企业承建',
  services: '服务由中小企业承接',
};

/** The 中小企业 policy sentence of 财库〔2020〕46号 for the chosen mode. */
export function smeSentence(sme: Requirements['sme'], category: ProjectCategory): string {
  if (sme.mode === 'reserved') {
    return `本项目专门面向中小企业采购，投标人应为中小企业且${SME_SUBJECT[category]}，并按规定提供《中小企业声明函》（财库〔2020〕46号）；监狱企业、残疾人福利性单位视同小型、微型企业。`;
  }
  if (sme.mode === 'deduction') {
    const consortium =
      sme.consortiumRateBp === null
        ? ''
        : `；大中型企业与小微企业组成联合体或者大中型企业向小微企业分包，且联合协议或者分包意向协议约定小微企业的合同份额占到合同总金额30%以上的，对联合体或者大中型企业的报价给予${percent(sme.consortiumRateBp)}的扣除`;
    return `本项目非专门面向中小企业采购。对符合规定的小微企业报价给予${percent(sme.smallMicroRateBp)}的扣除，用扣除后的价格参加评审${consortium}（财库〔2020〕46号、财库〔2022〕19号）；监狱企业、残疾人福利性单位视同小型、微型企业。`;
  }
  return '本项目不设中小企业预留份额，亦不适用小微企业价格扣除。';
}

/**
 * Whether bids from a 联合体 are accepted. Requirements carry no separate switch: a price deduction for
 * consortia with small enterprises (财库〔2020〕46号 第九条) only makes sense if consortia may bid.
 */
export function acceptsConsortium(r: Requirements): boolean {
  return r.sme.mode === 'deduction' && r.sme.consortiumRateBp !== null;
}

export function importedGoodsSentence(imported: boolean): string {
  return imported
    ? '本项目经财政部门审核同意，允许采购进口产品，但不限制满足招标文件要求的国内产品参与竞争（财库〔2007〕119号）。'
    : '本项目不接受进口产品（指通过中国海关报关验放进入中国境内且产自关境外的产品）参与投标。';
}

function greenSentence(r: Requirements): string {
  const parts: string[] = [];
  if (r.energySaving) {
    parts.push(
      '所投产品属于节能产品政府采购品目清单强制采购品目的，应提供国家确定的认证机构出具的、处于有效期之内的节能产品认证证书；属于优先采购品目的，评审时予以优先（财库〔2019〕9号）。',
    );
  }
  if (r.environmental) {
    parts.push(
      '所投产品属于环境标志产品政府采购品目清单内品目的，提供有效的环境标志产品认证证书的，评审时予以优先（财库〔2019〕9号）。',
    );
  }
  if (r.domesticProduct) parts.push('对本国产品按照财政部有关规定给予价格评审优惠。');
  return parts.length > 0 ? parts.join('') : '本项目不涉及节能产品、环境标志产品和本国产品评审优惠。';
}

// ── Placeholders ──────────────────────────────────────────────────────────────────────────────────────

type Values = Record<string, string>;

const INLINE_PLACEHOLDERS = [
  'project.name',
  'project.code',
  'project.year',
  'category',
  'purchasers',
  'centre.name',
  'centre.address',
  'centre.phone',
  'budget',
  'method',
  'documentName',
  'schedule.noticePublishedOn',
  'schedule.documentsIssuedOn',
  'schedule.documentsAvailableUntil',
  'schedule.bidDeadline',
  'schedule.opening',
  'schedule.openingPlace',
  'deposit',
  'bond',
  'evaluationMethod',
  'priceWeight',
  'consortium',
  'sme',
  'importedGoods',
  'greenPolicy',
  'deliveryPeriod',
  'deliveryPlace',
  'paymentTerms',
] as const;

const BLOCK_PLACEHOLDERS = ['lots', 'qualification', 'substantive', 'specifications', 'scoring'] as const;
type BlockName = (typeof BLOCK_PLACEHOLDERS)[number];

const inlineNames = new Set<string>(INLINE_PLACEHOLDERS);
const blockNames = new Set<string>(BLOCK_PLACEHOLDERS);
const isBlockName = (name: string): name is BlockName => blockNames.has(name);

/** Every placeholder a template may use: the inline ones, then the block ones (which stand alone on a line). */
export function templatePlaceholders(): string[] {
  return [...INLINE_PLACEHOLDERS, ...BLOCK_PLACEHOLDERS];
}

export function blockPlaceholders(): string[] {
  return [...BLOCK_PLACEHOLDERS];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const ALONE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

export interface TemplateProblem {
  section: string;
  placeholder: string;
  code: 'TEMPLATE_PLACEHOLDER_UNKNOWN' | 'TEMPLATE_BLOCK_NOT_ALONE';
  message: string;
}

/** Everything wrong with the placeholders of an edited template, in order, so it can be refused before saving. */
export function templateProblems(sections: readonly TemplateSection[]): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const seen = new Set<string>();
  const add = (p: TemplateProblem): void => {
    const key = `${p.section}\u0000${p.placeholder}\u0000${p.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  for (const section of sections) {
    for (const raw of section.body.split(/\r?\n/)) {
      const line = raw.trim();
      const alone = ALONE.exec(line);
      for (const m of line.matchAll(PLACEHOLDER)) {
        const name = m[1] ?? '';
        if (isBlockName(name)) {
          if (!alone || line.startsWith('|')) {
            add({
              section: section.heading,
              placeholder: name,
              code: 'TEMPLATE_BLOCK_NOT_ALONE',
              message: `“${section.heading}”一节中的 {{${name}}} 会展开为表格或列表，必须单独占一行`,
            });
          }
        } else if (!inlineNames.has(name)) {
          add(unknown(section.heading, name));
        }
      }
      // A brace pair left half-open would otherwise reach the document verbatim.
      const rest = line.replace(PLACEHOLDER, '');
      const stray = /\{\{[^}]{0,30}|[^{]{0,30}\}\}/.exec(rest);
      if (stray) add(unknown(section.heading, stray[0].trim()));
    }
  }
  return out;
}

function unknown(section: string, placeholder: string): TemplateProblem {
  return {
    section,
    placeholder,
    code: 'TEMPLATE_PLACEHOLDER_UNKNOWN',
    message: `“${section}”一节中的占位符 {{${placeholder}}} 无法识别，请核对拼写或删除；可用的占位符见模板说明`,
  };
}

/** The placeholders of a template that the renderer does not know (or that are left half-open). */
export function unknownPlaceholders(
  sections: readonly TemplateSection[],
): { section: string; placeholder: string }[] {
  return templateProblems(sections)
    .filter((p) => p.code === 'TEMPLATE_PLACEHOLDER_UNKNOWN')
    .map(({ section, placeholder }) => ({ section, placeholder }));
}

function inlineValues(input: RenderInput): Values {
  const { project, requirements: r, schedule: s } = input;
  const deposit = r.depositFen === null ? 0n : BigInt(r.depositFen);
  const values: Record<(typeof INLINE_PLACEHOLDERS)[number], string> = {
    'project.name': project.name,
    'project.code': project.code,
    'project.year': String(project.year),
    category: CATEGORY_LABEL[project.category],
    purchasers: project.purchaserNames.join('、'),
    'centre.name': input.centreName,
    'centre.address': input.centreAddress ?? '详见本平台',
    'centre.phone': input.centrePhone ?? '详见本平台',
    budget: moneyPhrase(project.budgetFen),
    method: METHOD_LABEL[project.method],
    documentName: DOCUMENT_NAME[project.method],
    'schedule.noticePublishedOn': s.noticePublishedOn ? formatDay(s.noticePublishedOn) : PENDING,
    'schedule.documentsIssuedOn': s.documentsIssuedOn ? formatDay(s.documentsIssuedOn) : PENDING,
    'schedule.documentsAvailableUntil': s.documentsAvailableUntil
      ? formatDay(s.documentsAvailableUntil)
      : PENDING,
    'schedule.bidDeadline': s.bidDeadlineAt ? formatInstant(s.bidDeadlineAt) : PENDING,
    'schedule.opening': formatOpening(s.openingAt, s.bidDeadlineAt),
    'schedule.openingPlace': s.openingPlace ?? PENDING,
    deposit: deposit > 0n ? moneyPhrase(deposit) : '不收取',
    bond: r.bondBp === null || r.bondBp === 0 ? '不收取' : `合同金额的${percent(r.bondBp)}`,
    evaluationMethod: EVALUATION_LABEL[r.evaluationMethod],
    priceWeight:
      r.evaluationMethod === 'bestValue' && r.priceWeightBp !== null ? percent(r.priceWeightBp) : '不适用',
    consortium: acceptsConsortium(r) ? '接受' : '不接受',
    sme: smeSentence(r.sme, project.category),
    importedGoods: importedGoodsSentence(r.importedGoods),
    greenPolicy: greenSentence(r),
    deliveryPeriod: r.deliveryPeriod ?? '详见第五章 采购需求',
    deliveryPlace: r.deliveryPlace ?? '采购人指定地点',
    paymentTerms: r.paymentTerms ?? '按合同约定支付',
  };
  return values;
}

function formatOpening(openingAt: Date | null, deadline: Date | null): string {
  const at = openingAt ?? deadline;
  return at ? formatInstant(at) : PENDING;
}

// ── Blocks ────────────────────────────────────────────────────────────────────────────────────────────

function lotLabel(lots: readonly RenderLot[], no: number): string {
  const lot = lots.find((l) => l.no === no);
  return lot ? `第${no}包（${lot.name}）` : `第${no}包`;
}

function lotsTable(lots: readonly RenderLot[]): Block {
  return {
    kind: 'table',
    header: ['包号', '包名称', '数量', '预算金额（元）', '最高限价（元）'],
    rows: [...lots]
      .sort((a, b) => a.no - b.no)
      .map((l) => [
        String(l.no),
        l.name,
        l.quantity ?? '—',
        yuan(l.budgetFen),
        l.ceilingFen === null ? '不设' : yuan(l.ceilingFen),
      ]),
  };
}

type Clause = Requirements['qualification'][number];

function scope(lots: readonly RenderLot[], c: Clause): string {
  return c.lotNo === null ? '' : `（适用于${lotLabel(lots, c.lotNo)}）`;
}

function clauseList(
  clauses: readonly Clause[],
  lots: readonly RenderLot[],
  empty: string,
  prefix: (i: number) => string,
): Block[] {
  if (clauses.length === 0) return [{ kind: 'paragraph', text: empty }];
  return clauses.map((c, i) => ({ kind: 'paragraph', text: `${prefix(i)}${c.text}${scope(lots, c)}` }));
}

function specificationBlocks(clauses: readonly Clause[], lots: readonly RenderLot[]): Block[] {
  if (clauses.length === 0) return [{ kind: 'paragraph', text: '技术规格和服务要求详见本章其他内容。' }];
  const numbered = (list: readonly Clause[]): Block[] =>
    list.map((c, i) => ({ kind: 'paragraph', text: `${i + 1}. ${c.text}` }));
  if (clauses.every((c) => c.lotNo === null)) return numbered(clauses);
  const out: Block[] = [];
  const common = clauses.filter((c) => c.lotNo === null);
  if (common.length > 0) out.push({ kind: 'heading', level: 3, text: '各包通用要求' }, ...numbered(common));
  const lotNos = [...new Set(clauses.flatMap((c) => (c.lotNo === null ? [] : [c.lotNo])))].sort(
    (a, b) => a - b,
  );
  for (const no of lotNos) {
    out.push(
      { kind: 'heading', level: 3, text: lotLabel(lots, no) },
      ...numbered(clauses.filter((c) => c.lotNo === no)),
    );
  }
  return out;
}

function scoringBlocks(input: RenderInput): Block[] {
  const r = input.requirements;
  if (r.evaluationMethod === 'lowestPrice') {
    return [
      {
        kind: 'paragraph',
        text: '本项目采用最低评标价法：投标文件满足招标文件全部实质性要求，且投标报价最低的投标人为排名第一的中标候选人。评标委员会不得对投标文件的技术、服务部分作比较打分；执行中小企业、节能环保等政策的价格扣除后，以扣除后的价格进行排序；评标价相同的，按技术指标优劣顺序排列（《政府采购货物和服务招标投标管理办法》第五十三条、第五十四条）。',
      },
    ];
  }
  if (r.evaluationMethod === 'priceLottery') {
    const price = input.lots.some((l) => l.ceilingFen !== null) ? '各包最高限价' : '各包预算金额';
    return [
      {
        kind: 'paragraph',
        text: `本项目采用合理定价评审抽签法：采购人依据市场调查合理确定采购价格，以${price}作为固定的合同价格，投标人不进行价格竞争。`,
      },
      {
        kind: 'paragraph',
        text: '评标委员会只对投标文件进行资格性审查和符合性审查，结论为“通过”或“不通过”，不对技术、服务和价格作比较打分；任何一项实质性要求不满足的，审查不通过。',
      },
      {
        kind: 'paragraph',
        text: '全部通过审查的投标人进入抽签。抽签在开标地点公开进行，由本平台以可验证的随机方法从通过审查的投标人中抽取中标候选人，监督人员现场见证；抽签种子、算法版本和参加抽签投标人名单的哈希值当场公布并随结果公告，任何人可据此复验抽签结果。',
      },
    ];
  }
  const rows: string[][] = [];
  let total = 0;
  if (r.priceWeightBp !== null) {
    const p = points(r.priceWeightBp);
    total += r.priceWeightBp;
    const sme = r.sme.mode === 'deduction' ? '执行中小企业价格扣除的，以扣除后的价格计算价格分。' : '';
    rows.push([
      '价格',
      p,
      `满足招标文件全部实质性要求且投标价格最低的投标报价为评标基准价，其价格分为满分${p}分。其他投标人的价格分统一按照下列公式计算：投标报价得分＝（评标基准价／投标报价）×${p}。${sme}`,
    ]);
  }
  for (const item of r.scoring) {
    total += item.weightBp;
    rows.push([item.factor, points(item.weightBp), item.text]);
  }
  rows.push(['合计', points(total), '']);
  return [{ kind: 'table', header: ['评分因素', '分值', '评分标准'], rows }];
}

function expandBlock(name: BlockName, input: RenderInput): Block[] {
  const { requirements: r, lots } = input;
  switch (name) {
    case 'lots':
      return [lotsTable(lots)];
    case 'qualification':
      return clauseList(r.qualification, lots, '本项目无其他特定资格要求。', (i) => `（${i + 1}）`);
    case 'substantive':
      return clauseList(r.substantive, lots, '本项目无其他实质性要求。', () => '★');
    case 'specifications':
      return specificationBlocks(r.specifications, lots);
    case 'scoring':
      return scoringBlocks(input);
  }
}

// ── Rendering ─────────────────────────────────────────────────────────────────────────────────────────

function substitute(text: string, values: Values, section: string): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw placeholderError(unknown(section, name));
    return value;
  });
}

function placeholderError(p: TemplateProblem): AppError {
  return new AppError(422, p.code, p.message, 'sections');
}

function tableCells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

export function renderDocument(input: RenderInput): RenderedDocument {
  const sections = input.template.sections;
  const problem = templateProblems(sections)[0];
  if (problem) throw placeholderError(problem);

  const values = inlineValues(input);
  const blocks: Block[] = [];
  for (const section of sections) {
    blocks.push({ kind: 'heading', level: 1, text: substitute(section.heading, values, section.heading) });
    let table: string[][] = [];
    const flush = (): void => {
      const [header, ...rows] = table;
      if (header) blocks.push({ kind: 'table', header, rows });
      table = [];
    };
    for (const raw of section.body.split(/\r?\n/)) {
      const line = raw.trim();
      if (line.startsWith('|')) {
        table.push(tableCells(substitute(line, values, section.heading)));
        continue;
      }
      flush();
      if (line === '') continue;
      const alone = ALONE.exec(line)?.[1];
      if (alone !== undefined && isBlockName(alone)) {
        blocks.push(...expandBlock(alone, input));
      } else if (line.startsWith('### ')) {
        blocks.push({
          kind: 'heading',
          level: 3,
          text: substitute(line.slice(4).trim(), values, section.heading),
        });
      } else if (line.startsWith('## ')) {
        blocks.push({
          kind: 'heading',
          level: 2,
          text: substitute(line.slice(3).trim(), values, section.heading),
        });
      } else {
        blocks.push({ kind: 'paragraph', text: substitute(line, values, section.heading) });
      }
    }
    flush();
  }

  const day = input.schedule.documentsIssuedOn ?? input.schedule.noticePublishedOn;
  return {
    title: input.project.name,
    subtitle: DOCUMENT_NAME[input.project.method],
    cover: {
      projectCode: input.project.code,
      purchasers: input.project.purchaserNames.join('、'),
      centreName: input.centreName,
      date: day ? formatDay(day) : '　　年　　月　　日',
    },
    blocks,
  };
}
