/**
 * The tender-document lint rules (RULES.md §8; issue 4 "Document lint"). Pure: no db, no clock.
 *
 * Text rules look at one clause at a time, sentence by sentence, so that a negation or an allowed context
 * ("不得指定品牌", "中标后…小时内到达现场") in one sentence does not hide a violation in the next one.
 * Numeric rules (price weight, deposit, bond) read the structured inputs, never the text.
 */
import type { Clause, Finding, RequirementField, Severity, TenderDocument } from './types.ts';

interface RuleHead {
  id: string;
  title: string;
  /** Cited exactly as RULES.md gives it. */
  article: string;
  severity: Severity;
  /** Chinese: why the requirement is not allowed. Joined to the quote to form the finding's message. */
  why: string;
}

export interface ClauseRule extends RuleHead {
  kind: 'clause';
  fields: readonly RequirementField[];
  /** The exact offending text, or null. `doc` gives context (imported goods, method, other clauses). */
  match: (clause: Clause, doc: TenderDocument) => string | null;
}

export interface DocumentRule extends RuleHead {
  kind: 'document';
  check: (doc: TenderDocument) => Omit<Finding, 'ruleId' | 'severity' | 'article' | 'title'>[];
}

export type LintRule = ClauseRule | DocumentRule;

const ALL_FIELDS: readonly RequirementField[] = ['qualification', 'substantive', 'specification', 'scoring'];
/** Conditions that decide who may win: where 条例20 and 87号令 art.17 bite. */
const CONDITIONS: readonly RequirementField[] = ['qualification', 'substantive', 'scoring'];

/**
 * A sentence that turns the requirement off: "不作为评分因素", "不得指定品牌", "无需提供". "不得低于 / 不少于"
 * are thresholds, i.e. the offending wording itself, so they are not negations.
 */
const NEGATION =
  /(不得|不应|不能)(?!低于|少于|小于|超过|高于|晚于|迟于|参加|参与|分)|不以|不作为|不列入|不纳入|不再|无需|无须|不需|不要求|不限|不设|不指定|禁止(指定|设定|设置|要求)|不予(考虑|评分)/;

/** Sentences: clause text split on Chinese and Latin sentence ends, so context stays local. */
export function sentences(text: string): string[] {
  return text.split(/[。；;！!？?\n]/).filter((s) => s.trim().length > 0);
}

interface PatternSpec {
  hit: readonly RegExp[];
  /** A sentence matching any of these is allowed context, not a violation. */
  unless?: readonly RegExp[];
  /** Document-level precondition (e.g. not imported goods). */
  when?: (doc: TenderDocument) => boolean;
}

function pattern(spec: PatternSpec): ClauseRule['match'] {
  return (clause, doc) => {
    if (spec.when && !spec.when(doc)) return null;
    for (const s of sentences(clause.text)) {
      if (spec.unless?.some((u) => u.test(s))) continue;
      for (const re of spec.hit) {
        const m = re.exec(s);
        if (m) return m[0];
      }
    }
    return null;
  };
}

const LOCAL = '(?:本地|本县|本市|本省|本区|本镇|当地|县内|市内|省内|区内|辖区内?)';
/** Post-award service levels are allowed (附件9 D01 note): they bind the winner, not who may compete. */
const POST_AWARD =
  /(中标|成交)(后|供应商|人)|合同签订后|签订合同后|响应时间|小时内|分钟内|到达现场|到场|履约期间/;

/**
 * Wording of 87号令 art.31 (bidders offering the same brand count as one): it regulates bidders, it does not
 * name a product.
 */
const SAME_BRAND_RULE = /视为一(家|个)|按一家|核心产品/;

const BRANDS =
  '华为|联想|戴尔|海尔|格力|海康威视|西门子|施耐德|思科|佳能|爱普生|浪潮|新华三|H3C|Dell|Lenovo|Cisco|苹果|三星|索尼|飞利浦|松下|东芝|奥的斯|迅达|海信|创维|科大讯飞|希沃|鸿合|立邦|多乐士|东方雨虹|联塑|伟星|欧普照明|雷士|奔图|晨光文具|大金|美的集团';

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** Arabic or simple Chinese numerals up to 99 ("三", "十", "十二", "二十"). */
export function parseCount(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN_DIGITS[s] ?? null;
  const ten = s.indexOf('十');
  if (ten < 0) return null;
  const tensPart = s.slice(0, ten);
  const onesPart = s.slice(ten + 1);
  const tens = tensPart === '' ? 1 : CN_DIGITS[tensPart];
  const ones = onesPart === '' ? 0 : CN_DIGITS[onesPart];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

/**
 * Qualification items that a scoring item must not reuse (87号令 art.55). A fixed vocabulary rather than
 * free extraction: certificate names in free text carry too much surrounding wording to compare reliably.
 */
const QUALIFICATION_ITEMS: readonly RegExp[] = [
  /ISO\s?9001/i,
  /ISO\s?14001/i,
  /(ISO\s?45001|OHSAS\s?18001)/i,
  /安全生产许可证/,
  /施工总承包[^，。；]{0,6}资质/,
  /专业承包[^，。；]{0,6}资质/,
  /医疗器械(经营|生产)(许可证|备案)/,
  /食品经营许可证/,
  /道路运输经营许可证/,
  /保安服务许可证/,
  /人力资源服务许可证/,
  /特种设备[^，。；]{0,4}许可/,
  /测绘资质/,
  /CMMI\s?\d?/i,
  /信息安全服务资质/,
];

export const RULES: readonly LintRule[] = [
  {
    kind: 'clause',
    id: 'D01',
    title: '限定供应商注册地、所在地或在特定区域设立分支机构',
    article: '条例20(7)；财库〔2019〕38号；附件9 D01',
    severity: 'block',
    why: '以注册地、距离或在特定地区设立分支机构作为资格或评分条件，属于以不合理条件对供应商实行差别待遇；中标后的服务响应时限可在合同中约定',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [
        new RegExp(`${LOCAL}(注册|设立|成立)?的?(企业|公司|供应商|投标人|单位)`),
        /[\u4e00-\u9fa5]{0,4}(省|市|县)(境内|范围内)(注册|设立)?的?(企业|公司|供应商|投标人)/,
        /(在|于)[^，。；]{0,8}(设立|设有|成立|拥有)[^，。；]{0,6}(分支机构|分公司|办事处|服务网点|售后服务网点|常设机构|服务机构|驻点)/,
        new RegExp(`(分支机构|分公司|办事处|常设服务机构|售后服务网点|驻点)[^，。；]{0,6}${LOCAL}`),
        /注册(所在)?地/,
        /距离?[^，。；]{0,6}(采购人|项目所在地|本单位)[^，。；]{0,6}\d+\s*(公里|千米|km)/,
      ],
      unless: [NEGATION, POST_AWARD],
    }),
  },
  {
    kind: 'clause',
    id: 'D02',
    title: '以特定地区或特定单位的业绩、奖项作为加分或中标条件',
    article: '条例20(4)；附件9 D02',
    severity: 'block',
    why: '以特定地区或特定单位的业绩、奖项作为加分条件或中标条件，排斥了其他地区的供应商',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        new RegExp(
          `(${LOCAL}|[\\u4e00-\\u9fa5]{2}省|[\\u4e00-\\u9fa5]{2}市(?!政|场))(内|范围内|境内)?[^，。；]{0,10}(业绩|奖项|荣誉|称号|优质工程|示范[^，。；]{0,2}奖|[^，。；]{0,4}奖)`,
        ),
        /(为|在)(本单位|采购人|本院|本局|本校)[^，。；]{0,10}(业绩|服务经历|合同)/,
        /(采购人|本单位)(颁发|出具)的[^，。；]{0,6}(表扬|荣誉|评价|证明)/,
      ],
      unless: [NEGATION, /不分地区|不限地区|全国范围/],
    }),
  },
  {
    kind: 'clause',
    id: 'D03',
    title: '以特定行业的业绩、奖项作为资格或评分条件',
    article: '条例20(4)；附件9 D03',
    severity: 'block',
    why: '以特定行业（系统）的业绩、奖项作为资格或评分条件，限制了其他行业供应商的公平竞争',
    fields: CONDITIONS,
    match: pattern({
      hit: [/(行业|系统)(内|主管部门)?[^，。；]{0,8}(业绩|奖项|荣誉|称号|评优|先进|[^，。；]{0,2}奖)/],
      unless: [NEGATION, /不限行业/],
    }),
  },
  {
    kind: 'clause',
    id: 'D04',
    title: '以营业执照经营范围作为资格或评分条件',
    article: '附件9 D04',
    severity: 'block',
    why: '以营业执照记载的经营范围作为资格或评分条件，无特别规定时属于不合理限制',
    fields: CONDITIONS,
    match: pattern({ hit: [/经营范围/], unless: [NEGATION] }),
  },
  {
    kind: 'clause',
    id: 'D05',
    title: '以注册资本、营业收入、从业人员、经营年限等规模条件作为资格或评分条件',
    article: '87号令17；财库〔2019〕38号；附件9 D05',
    severity: 'block',
    why: '注册资本、资产总额、营业收入、从业人员、利润、纳税额和经营年限属于规模条件，不得作为资格要求或评审因素，否则构成对中小企业的差别待遇',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /注册资本|注册资金|资产总额|总资产|净资产|营业收入|营业额|年产值|从业人员|员工总数|职工人数|员工人数|纳税额|纳税总额|年纳税|经营年限|成立年限/,
        /(净)?利润(总额|额)?[^，。；]{0,4}(不低于|不少于|达到|以上|≥|超过)/,
        /成立(时间)?(满|已满|不少于|不低于|超过|在)?\s*[\d一二三四五六七八九十两]+\s*(年|周年)/,
      ],
      // Company profiles and the SME self-classification (工信部联企业〔2011〕300号) mention these figures
      // without making them conditions.
      unless: [NEGATION, /简介|介绍|概况|划型|声明函|300号|仅供参考/],
    }),
  },
  {
    kind: 'clause',
    id: 'D06',
    title: '要求特定金额的合同业绩',
    article: '附件9 D06',
    severity: 'block',
    why: '要求单项合同达到特定金额的业绩，实质上以规模排斥中小企业',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /(单项|单个|单笔|单份)?合同(金额|额|价|价款)[^，。；]{0,8}(不低于|不少于|以上|达到|≥|超过)/,
        /\d+(\.\d+)?\s*万元(及)?以上的?[^，。；]{0,10}(业绩|项目|合同)/,
        /金额(不低于|不少于|达到|在)[^，。；]{0,12}(业绩|项目)/,
      ],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D07',
    title: '以与规模挂钩的排名或认证作为条件',
    article: '附件9 D07',
    severity: 'block',
    why: '企业排名、规模以上、龙头企业等评价与企业规模挂钩，作为资格或评分条件属于变相规模门槛',
    fields: CONDITIONS,
    match: pattern({
      hit: [/500强|五百强|百强企业|百强|规模以上企业|规模以上|龙头企业|规模等级/],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D08',
    title: '要求与需求无关的经营场所面积、网点数量或分布',
    article: '附件9 D08',
    severity: 'block',
    why: '对经营场所面积、网点数量或分布提出与采购需求无关的要求，属于不合理条件',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /(场所|场地|厂房|仓库|仓储|办公用房|营业面积|经营面积|办公面积)[^。；]{0,8}(不少于|不低于|以上|≥|超过|达到)\s*\d+\s*(平方米|㎡|平米|m2)/,
        /(网点|服务网点|门店)[^，。；]{0,4}(不少于|数量不少于|\d+\s*个(及)?以上|覆盖)/,
        /(不少于|至少)\s*\d+\s*个[^，。；]{0,6}(网点|门店|分支机构)/,
      ],
      unless: [NEGATION, POST_AWARD],
    }),
  },
  {
    kind: 'clause',
    id: 'D09',
    title: '限定供应商所有制形式或组织形式',
    article: '条例20(7)；财库〔2019〕38号；附件9 D09',
    severity: 'block',
    why: '限定或偏好国有、上市、股份公司等所有制或组织形式，违反对各类市场主体一视同仁的要求',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /(须为|必须为|应为|仅限|限于|只接受)(国有|国营|央企|中央企业|上市|股份有限公司|全民所有制)/,
        /(国有企业|国有控股|国营|央企|中央企业|上市公司|股份有限公司|全民所有制)[^，。；]{0,6}(优先|方可|加\s*\d|得\s*\d|为限|才能)/,
      ],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D10',
    title: '限定供应商股权结构、投资者国别',
    article: '条例20(7)；财库〔2019〕38号；附件9 D10',
    severity: 'block',
    why: '以股权结构、投资者国别或外资成分区别对待供应商，属于歧视待遇',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /(外资|外商投资|外商独资|中外合资|港澳台资?|境外资本|外国投资者)[^，。；]{0,8}(不得|除外|不接受|不予|禁止|不能)/,
        /(纯内资|内资企业|股权结构|控股股东)(须|必须|应|为|方可)/,
        /(不接受|拒绝)[^，。；]{0,4}(外资|外商)/,
      ],
    }),
  },
  {
    kind: 'clause',
    id: 'D11',
    title: '技术或服务要求指向特定供应商或产品',
    article: '条例20(3)；附件9 D11',
    severity: 'block',
    why: '技术、服务要求指向特定供应商或特定产品（独家、唯一、与原有品牌一致等），排斥其他潜在供应商',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [
        /独家|唯一(的)?(供应商|厂家|生产商|制造商)|唯一指定/,
        /(仅限|只能由|只能采用)[\u4e00-\u9fa5]{2,12}(公司|厂家|厂商)的?(产品|生产|提供|供货)/,
        /(同一|相同)(品牌|厂家|厂商)/,
        /专用(接口|协议|耗材)/,
      ],
      // 87号令 art.31 (same brand counts as one bidder) mentions 相同品牌 to regulate bidders, not products.
      unless: [NEGATION, SAME_BRAND_RULE],
    }),
  },
  {
    kind: 'clause',
    id: 'D12',
    title: '指定或暗示品牌、商标、专利、型号或原产地',
    article: '条例20(6)；22号；附件9 D12',
    severity: 'block',
    why: '采购需求不得限定或者指定特定的品牌、商标、专利、型号或原产地，也不得以“知名”“一线”“参考品牌”“相当于”等方式变相指定',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [
        new RegExp(`(${BRANDS})`),
        /知名品牌|一线品牌|国际知名|国内知名|著名品牌|名牌产品|参考品牌|推荐品牌|指定品牌|同等档次|同档次|相当于|或同等|或相当|原厂(?!授权|商授权)/,
        /品牌(须为|必须为|应为|限于|为)/,
        /型号(为|须为|：|:)\s*[A-Za-z0-9]/,
        /专利号|专利(产品|技术)(须|必须)|注册商标(须|为)/,
        /(原产地|产地)(须为|为|限于)/,
      ],
      unless: [NEGATION, /(注明|填写|列明|标明|写明|说明)[^，。；]{0,6}品牌/, SAME_BRAND_RULE],
    }),
  },
  {
    kind: 'clause',
    id: 'D14',
    title: '要求国务院已取消的行政许可或资质',
    article: '附件9 D14',
    severity: 'block',
    why: '要求供应商具备国务院已明令取消的资质或行政审批，属于设置不合理的资格条件',
    fields: CONDITIONS,
    // The list of abolished qualifications is ⚠️UNVERIFIED (general knowledge, not in RULES.md): check
    // each against the State Council decisions before relying on it.
    match: pattern({
      hit: [
        /(计算机信息系统集成|系统集成|信息系统工程监理|物业服务企业|物业管理企业?|城市园林绿化企业?|园林绿化企业?|安防工程企业)[^，。；]{0,8}资质/,
        /工程咨询单位资格|招标代理(机构)?资格|政府采购代理(机构)?资格/,
      ],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D15',
    title: '以AAA信用等级、守合同重信用或行业协会证书、奖项作为条件',
    article: '附件9 D15',
    severity: 'block',
    why: '第三方信用等级（AAA等）、“守合同重信用”证书和行业协会颁发的证书、会员资格或奖项不是履约所必需，作为资格或评分条件属于不合理限制',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /AAA|AA\+?级|3A(级|信用)/,
        /信用等级|资信等级|信用评级|资信评级|守合同重信用|重合同守信用/,
        /协会会员|会员单位|协会(颁发|认证|评定|授予)|[\u4e00-\u9fa5]{2,8}协会[^，。；]{0,6}(证书|奖|荣誉|会员)/,
      ],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D16',
    title: '要求制造商授权、承诺、证明或背书（进口产品除外）',
    article: '87号令17；附件9 D16',
    severity: 'block',
    why: '除进口货物外，不得将生产厂家授权、承诺、证明、背书作为资格或实质性条件，否则把供应商资格交给了制造商决定',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [
        /(制造商|生产厂家|生产厂商|生产商|厂家|原厂|厂商)[^，。；]{0,4}(授权|承诺函|证明文件|背书|售后服务承诺)/,
        /针对本项目的?(授权书|授权函)/,
      ],
      when: (doc) => doc.importedGoods !== true,
      unless: [NEGATION, /进口/],
    }),
  },
  {
    kind: 'clause',
    id: 'D17',
    title: '以进入供应商库、名录库、资格库作为条件',
    article: '财库〔2019〕38号；附件9 D17',
    severity: 'block',
    why: '不得将进入供应商备选库、名录库、资格库等作为参加政府采购活动的前提条件',
    fields: CONDITIONS,
    match: pattern({
      hit: [/入库|备选库|名录库|资格库|预选库|供应商库|诚信库|名录|短名单/],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D18',
    title: '要求不必要的登记、备案或现场报名',
    article: '财库〔2019〕38号；附件9 D18',
    severity: 'justify',
    why: '要求供应商事先到特定部门或现场办理登记、备案、报名，增加了不必要的参与门槛',
    fields: CONDITIONS,
    match: pattern({
      hit: [/(须|应|需|必须)(先)?(在|到|向)[^，。；]{0,14}(备案|登记|进场|报名)/],
      // Registering on the electronic procurement platform (CA certificate) is how bids are submitted at all.
      unless: [NEGATION, /电子(交易|采购|招投标)?平台|CA|数字证书|交易系统|采购系统|云平台/],
    }),
  },
  {
    kind: 'clause',
    id: 'D19',
    title: '获取采购文件前要求提供证照、审计报告等材料',
    article: '附件9 D19',
    severity: 'block',
    why: '获取采购文件时不得要求供应商提供证照、审计报告或证明材料，资格审查应在开标后进行',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [
        /(获取|领取|购买|下载)(招标|采购|磋商|谈判|询价)?文件(时|前|须|应|需)[^。；]{0,24}(提供|出示|提交|携带|递交|查验)/,
      ],
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D20',
    title: '无正当理由限定检测报告、证明的出具机构',
    article: '附件9 D20',
    severity: 'justify',
    why: '无特别规定时，限定检测报告或证明只能由国家级、省级或某一指定机构出具，排斥了其他具备资质的机构出具的证明',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [
        /(须|必须|应|只能|仅)由[^，。；]{0,16}(国家级|省级|部级|指定的?|[\u4e00-\u9fa5]{2,12}(检测|检验|质检|计量)(中心|研究院|院|所|站))[^，。；]{0,10}(出具|检测|检验|认证)/,
      ],
      unless: [NEGATION, /CMA|CNAS|具有相应资质|具备相应资质|依法设立|有资质的|具备资质的/],
    }),
  },
  {
    kind: 'clause',
    id: 'D21',
    title: '要求定点供应商、入围单位身份',
    article: '附件9 D21',
    severity: 'block',
    why: '要求供应商具有定点供应商、入围单位或协议供货商身份，排斥了未入围的供应商',
    fields: CONDITIONS,
    match: pattern({
      hit: [/定点(供应商|单位|服务商|采购单位)|入围(供应商|单位|企业|名单)|协议供货(商|供应商)/],
      // In a framework agreement's second stage (110号令) being in the pool is the point.
      when: (doc) => doc.method !== 'framework',
      unless: [NEGATION],
    }),
  },
  {
    kind: 'clause',
    id: 'D22',
    title: '无法律依据的黑名单、不良记录要求',
    article: '附件9 D22',
    severity: 'justify',
    why: '除法定的重大违法记录、失信被执行人、政府采购严重违法失信行为记录名单等情形外，以其他黑名单、不良记录、投诉或处罚记录排斥供应商缺乏法律依据',
    fields: CONDITIONS,
    match: pattern({
      hit: [
        /黑名单|不良(行为)?记录|投诉记录|行政处罚记录|违约记录|诉讼记录/,
        /被[^，。；]{0,8}(通报批评|约谈|处罚)/,
        /被[^，。；]{0,6}(暂停|取消)[^，。；]{0,4}资格/,
      ],
      unless: [NEGATION, /重大违法记录|失信被执行人|严重违法失信|重大税收违法/],
    }),
  },
  {
    kind: 'clause',
    id: 'L-FOREIGN-CERT',
    title: '非进口项目要求CE、RoHS、FCC、UL等境外认证',
    article: 'RULES.md §8.3 地方合规清单（可选，地方规则）',
    severity: 'justify',
    why: '不采购进口产品的项目要求境外认证（CE/RoHS/FCC/UL），与国内产品的履约无关，构成不合理条件（地方规则，需记录理由方可保留）',
    fields: ALL_FIELDS,
    match: pattern({
      hit: [/\b(CE|RoHS|FCC|UL)\b[^，。；]{0,4}(认证|证书|标志)?/],
      when: (doc) => doc.importedGoods !== true,
      unless: [NEGATION, /或同等|或等效|或国内/],
    }),
  },
  {
    kind: 'clause',
    id: 'L-PERF-COUNT',
    title: '资格条件要求的同类业绩超过2个',
    article: '22号',
    severity: 'justify',
    why: '业绩作为资格条件时，一般不超过2个同类业绩，且应明确同类业绩的范围',
    fields: ['qualification', 'substantive'],
    match: (clause) => {
      for (const s of sentences(clause.text)) {
        if (!/业绩|同类项目|类似项目/.test(s) || NEGATION.test(s)) continue;
        const m =
          /([0-9]+|[一二两三四五六七八九十]+)\s*(个|项|份)(及)?(以上)?[^，。；]{0,10}(业绩|合同|项目)/.exec(
            s,
          );
        const count = m?.[1] === undefined ? null : parseCount(m[1]);
        if (m && count !== null && count > 2) return m[0];
      }
      return null;
    },
  },
  {
    kind: 'clause',
    id: 'L-QUAL-AS-SCORE',
    title: '资格条件同时作为评分因素',
    article: '87号令 art.55',
    severity: 'block',
    why: '资格条件不得同时作为评审因素：已作为资格门槛的证照、资质再计分，等于重复评价并抬高门槛',
    fields: ['scoring'],
    match: (clause, doc) => {
      for (const s of sentences(clause.text)) {
        const direct = /(满足|符合|具备|具有)(资格条件|资格要求)[^，。；]{0,6}(得|加)/.exec(s);
        if (direct) return direct[0];
      }
      const qualification = doc.clauses.filter((c) => c.field === 'qualification');
      for (const item of QUALIFICATION_ITEMS) {
        const inScoring = item.exec(clause.text);
        if (inScoring && qualification.some((q) => item.test(q.text))) return inScoring[0];
      }
      return null;
    },
  },
  {
    kind: 'clause',
    id: 'L-PRICE-AVG',
    title: '以平均价或去掉最高最低价作为评审基准',
    article: '87号令 art.55；214号',
    severity: 'block',
    why: '价格分必须采用低价优先法，以满足要求的最低报价为评标基准价；不得以平均价、均价或去掉最高最低报价后的平均值为基准，也不得去掉最高分最低分',
    fields: ['scoring', 'substantive'],
    match: pattern({
      hit: [
        /(平均(报价|价格|价|值)|均价|算术平均|加权平均)[^，。；]{0,12}(基准|作为|为评标|为磋商)/,
        /(基准价|基准)[^，。；]{0,14}(平均|均价)/,
        /(去掉|去除|剔除)[^，。；]{0,6}(最高|最低)/,
      ],
      // The abnormal-low-price triggers (财库〔2026〕2号) legitimately compare against the average bid.
      unless: [/异常低价|书面说明|证明其报价合理性|50%|45%/],
    }),
  },
  {
    kind: 'clause',
    id: 'L-SCORE-UNQUANTIFIED',
    title: '评分标准未量化，由评委酌情打分',
    article: '条例34；22号',
    severity: 'justify',
    why: '评审因素应当细化、量化并与量化指标对应，不能量化的作为实质性要求；“酌情”“综合考虑”打分给评委留下了自由裁量空间',
    fields: ['scoring'],
    match: pattern({
      hit: [/酌情|视情况|综合考虑|综合评定|自由裁量|由评委(会)?(自行|根据)/],
    }),
  },
  {
    kind: 'clause',
    id: 'L-SAMPLE',
    title: '要求提供样品但未载明评审标准和检测要求',
    article: '87号令 art.22',
    severity: 'justify',
    why: '一般不得要求提供样品；确需样品的，应当在采购文件中明确样品制作标准、检测报告要求和评审方法',
    fields: ALL_FIELDS,
    match: (clause) => {
      if (/评审标准|评审方法|评审办法|评分标准|检测报告|检测要求|制作标准/.test(clause.text)) return null;
      for (const s of sentences(clause.text)) {
        if (NEGATION.test(s)) continue;
        const m = /(提供|提交|递交|送达)[^，。；]{0,4}样品/.exec(s);
        if (m) return m[0];
      }
      return null;
    },
  },
  {
    kind: 'document',
    id: 'L-PRICE-WEIGHT',
    title: '价格分权重不符合规定',
    article: '87号令 art.55；214号 art.24',
    severity: 'block',
    why: '综合评分法中货物项目价格分不得低于30%、服务项目不得低于10%；竞争性磋商货物项目为30%–60%、服务项目为10%–30%',
    check: (doc) => {
      const w = doc.priceWeight;
      if (w === undefined || doc.category === 'works') return [];
      const goods = doc.category === 'goods';
      let range: { min: number; max: number; article: string } | null = null;
      if (doc.method === 'openTender' || doc.method === 'invitedTender') {
        // 87号令 has floors only; the 30–60% / 10–30% caps are the repealed 18号令 (RULES.md §12 #1).
        range = { min: goods ? 30 : 10, max: 100, article: '87号令 art.55' };
      } else if (doc.method === 'consultation') {
        range = { min: goods ? 30 : 10, max: goods ? 60 : 30, article: '214号 art.24' };
      }
      if (range === null || (w >= range.min && w <= range.max)) return [];
      const kind = goods ? '货物' : '服务';
      const bounds = range.max === 100 ? `不低于${range.min}%` : `应在${range.min}%–${range.max}%之间`;
      return [
        {
          field: 'document',
          quote: `价格分权重 ${w}%`,
          message: `价格分权重为${w}%，${kind}项目按${range.article}${bounds}。`,
        },
      ];
    },
  },
  {
    kind: 'document',
    id: 'L-DEPOSIT',
    title: '投标保证金超过采购项目预算金额的2%',
    article: '条例33；招标条例26',
    severity: 'block',
    why: '投标（响应）保证金不得超过采购项目预算金额的2%',
    check: (doc) => {
      const d = doc.depositFen;
      if (d === undefined || d * 50n <= doc.budgetFen) return [];
      return [
        {
          field: 'document',
          quote: `保证金 ${d} 分 / 预算 ${doc.budgetFen} 分`,
          message: `投标保证金${fenText(d)}超过预算${fenText(doc.budgetFen)}的2%（上限${fenText(doc.budgetFen / 50n)}），违反条例33。`,
        },
      ];
    },
  },
  {
    kind: 'document',
    id: 'L-BOND',
    title: '履约保证金超过合同金额的10%',
    article: '条例48；招标条例58',
    severity: 'block',
    why: '履约保证金不得超过政府采购合同金额的10%',
    // The contract amount is unknown when the document is drafted; it cannot exceed the budget, so a bond
    // above 10% of the budget is certainly above 10% of the contract.
    check: (doc) => {
      const b = doc.bondFen;
      if (b === undefined || b * 10n <= doc.budgetFen) return [];
      return [
        {
          field: 'document',
          quote: `履约保证金 ${b} 分 / 预算 ${doc.budgetFen} 分`,
          message: `履约保证金${fenText(b)}超过预算${fenText(doc.budgetFen)}的10%，合同金额不会高于预算，必然超过条例48规定的合同金额10%上限。`,
        },
      ];
    },
  },
];

/** 分 → "12345.67元" for messages; integer arithmetic only. */
function fenText(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}元`;
}

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
