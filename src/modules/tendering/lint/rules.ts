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
  /(不得|不应|不能)(?!低于|少于|小于|超过|高于|晚于|迟于|参加|参与|投标|响应|分)|不以|不作为|不列入|不纳入|不再|无需|无须|不需|不要求|不限|不设|不指定|禁止(指定|设定|设置|要求)|不予(考虑|评分)/;

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

const LOCAL =
  '(?:本地|本县|本市|本省|本区|本镇|本乡|当地|我县|我市|我省|我区|我镇|县内|市内|省内|区内|辖区内?)';
/** A place tied to the purchaser: the local words plus "项目所在县城", "采购人所在地", "市区", "县城". */
const PLACE = `(?:${LOCAL}|(?:项目|采购人|采购单位|工程)所在(?:地|县|市|省|区|乡|镇|街道)[\\u4e00-\\u9fa5]{0,2}|市区|城区|县城|主城区)`;
/** Premises and outlets a supplier may be told to have somewhere. */
const SITE =
  '(?:总部|分公司|子公司|分支机构|办事处|办公场所|办公地点|办公地址|办公用房|经营场所|营业场所|经营地址|公司地址|注册地址|常设机构|常驻机构|服务机构|售后服务机构|售后服务网点|服务网点|售后网点|维修站|维修点|维修中心|维修网点|服务站|服务中心|售后服务中心|仓库|仓储中心|门店|网点|驻点|服务部|门面|门市|铺面|[\\u4e00-\\u9fa5]{0,4}(?:场所|中心|服务点|站点))';
/**
 * Narrow negation for rules whose offending wording is itself negative ("不得为外资企业", "不得有投诉记录",
 * "个体工商户不得参与"): only wording that switches the requirement off.
 */
const SOFT_NEGATION =
  /不作为|不以|不列入|不纳入|无需|无须|不需|不要求|不设|不指定|不予(考虑|评分)|不论|不区分|均可参加/;
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

/** Words for past contracts (业绩), in the forms county documents use. */
const PERFORMANCE =
  /业绩|案例|(服务|承接|完成|实施|供货)过|(同类|类似)[\u4e00-\u9fa5]{0,4}(项目|工程|服务|合同|货物|供货|产品)|(销售|供货|服务|施工)合同/;
/** "3个及以上类似业绩" (count first) and "业绩不少于3个" (count after). */
const PERF_COUNTS: readonly RegExp[] = [
  /(?<n>[0-9]+|[一二两三四五六七八九十]+)\s*(个|项|份|家)(及)?(以上)?[^，。；]{0,10}(业绩|合同|项目|工程|服务|案例)/,
  /(服务过|承接过|完成过|实施过|供货过|为)\s*(不少于|至少)?\s*(?<n>[0-9]+|[一二两三四五六七八九十]+)\s*(家|个|所)(及)?(以上)?/,
  /(业绩|合同|项目|工程|案例)[^，。；]{0,8}(不少于|至少|不低于|达到|≥)\s*(?<n>[0-9]+|[一二两三四五六七八九十]+)\s*(个|项|份|家)/,
];

/**
 * Certificate or licence names a qualification clause asks for ("须具有有效的排污许可证" → 排污许可证), so a
 * scoring item reusing one outside the fixed vocabulary is still found.
 */
function qualificationNames(text: string): string[] {
  const names: string[] = [];
  const re =
    /(?:具有|具备|持有|取得|提供|通过)([\u4e00-\u9fa5A-Za-z0-9]{2,24}?(?:许可证|资质证书|认证证书|资格证书|证书|资质|认证|备案凭证))/g;
  for (const m of text.matchAll(re)) {
    const raw = m[1] ?? '';
    const name = raw.slice(raw.lastIndexOf('的') + 1).replace(/^(有效|合法|相应|国家|省级)+/, '');
    if (name.length >= 5 && !/营业执照|^(资质证书|认证证书|资格证书)$/.test(name)) names.push(name);
  }
  return names;
}

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
        // registered / incorporated in the area: "在本县行政区域内依法注册", "在本市进行工商登记"
        new RegExp(`${LOCAL}[^，。；]{0,10}(注册|工商登记|登记注册)`),
        // premises or a branch somewhere ("在本省有固定经营场所", "在项目所在县城设有维修站"), not nationwide
        new RegExp(
          `(在|于)(?![^，。；]{0,4}(全国|国内|境内|各地|全省|全市|全县|各区|各县|各乡|各市))[^，。；]{0,8}(设立|设有|成立|拥有|具有|建有|有|租赁|租用|自有)[^，。；]{0,10}${SITE}`,
        ),
        new RegExp(
          `(在|于)${PLACE}[^，。；]{0,8}(设立|设有|成立|拥有|具有|建有|有|租赁|租用|自有)[^，。；]{0,16}${SITE}`,
        ),
        new RegExp(`${SITE}[^，。；]{0,6}(位于|设在|设于|坐落于?|地处|在)[^，。；]{0,4}${PLACE}`),
        new RegExp(`(分支机构|分公司|办事处|常设服务机构|售后服务网点|驻点)[^，。；]{0,6}${LOCAL}`),
        /(外地|非本地|外省|外市|外县|异地|外埠)(企业|公司|供应商|投标人|单位)|本地化(企业|公司|供应商)/,
        // tax or social insurance paid in the area: "在本县依法纳税"
        new RegExp(`在${LOCAL}[^，。；]{0,6}(纳税|缴纳税|缴税|缴纳社保|参保)`),
        /(与|和)(采购人|采购单位|项目)[^，。；]{0,6}(在|位于|属于?)同一(行政区域|行政区划|区域|城市|县域|市域|地级市|县|市|省)/,
        /(投标人|供应商|公司|企业|办公|营业|经营|机构|网点|维修站|服务站|仓库|场所)[^，。；]{0,12}(车程|路程)[^，。；]{0,6}(不超过|以内|小于|在)?\s*[\d一二三四五六七八九十半]+\s*(个)?(小时|分钟|公里|千米|km)/i,
        /注册(所在)?地/,
        /距离?[^，。；]{0,10}(采购(人|单位|方)|项目(所在地|现场|地点|实施地)|本单位|使用单位|用户单位|服务地点)[^，。；]{0,10}\d+(\.\d+)?\s*(公里|千米|km|分钟)/i,
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
        // the local-area word further away: "为本县行政事业单位提供同类服务业绩"
        new RegExp(`${LOCAL}[^，。；]{0,16}(业绩|奖项|荣誉称号|经验|经历|案例)`),
        // contracts carried out in the area, without the word 业绩: "在本县承接过…服务", "为本市…提供过服务"
        new RegExp(
          `(在|为)${LOCAL}[^，。；]{0,12}(承担|承接|完成|实施|承建|承办|提供|服务|供货|开展)过?[^，。；]{0,12}(项目|工程|服务|合同|供货|经验|养护|维护)`,
        ),
        // the local area after the verb: "承担过本区政府投资项目", "实施过本市公立医院…项目"
        new RegExp(
          `(承担|承接|完成|实施|承建|承办|服务|供货|开展)过?${LOCAL}[^，。；]{0,12}(项目|工程|服务|合同|供货)`,
        ),
        new RegExp(
          `(在|为)${LOCAL}[^，。；]{0,12}(获评|评为|获得)[^，。；]{0,10}(奖|称号|工地|工程|示范|先进)`,
        ),
        // government units of the area: "为县直单位提供过", "为市直机关提供物业服务"
        /(为|在)(县直|市直|区直|省直|本级)[^，。；]{0,8}(单位|机关|部门|学校|医院)[^，。；]{0,8}(提供|服务|供货|承担|实施)/,
        /(为|在)(本单位|采购人|采购单位|本院|本局|本校)[^，。；]{0,10}(业绩|服务经历|合同|提供过|服务过|承担过|实施过|供货过|合作过)/,
        /(采购人|本单位)(颁发|出具)的[^，。；]{0,6}(表扬|荣誉|评价|证明)/,
      ],
      unless: [NEGATION, POST_AWARD, /不分地区|不限地区|地区不限|全国范围/],
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
      hit: [
        /(?<!信息|管理|监控|控制|软件|业务|操作|应用|网络|安防|智能化|弱电|广播|消防)(行业|系统)(?!集成|建设|开发|运维|实施)(内|主管部门)?[^，。；]{0,12}(业绩|经验|经历|案例|奖项|荣誉|称号|评优|先进|[^，。；]{0,2}奖)/,
      ],
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
    match: pattern({
      hit: [
        /经营范围/,
        /(营业执照|执照)[^，。；]{0,8}(经营项目|业务范围|经营业务)/,
        /(?<!许可[^。；]{0,16})经营项目[^，。；]{0,6}(包括|包含|涵盖|含有)/,
      ],
      unless: [NEGATION],
    }),
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
        /注册资本|注册资金|实缴资本|认缴资本|资产总额|总资产|净资产|营业收入|营业额|销售额|销售收入|主营业务收入|年产值|从业人员|员工总数|职工人数|员工人数|职工总数|参保人数|社保人数|纳税额|纳税总额|年纳税|经营年限|成立年限|经营时间/,
        /(净)?利润(总额|额)?[^，。；]{0,4}(不低于|不少于|达到|以上|≥|超过)/,
        /成立(时间|日期|年限)?(?!不足|未满|不满|少于)[^，。；\d]{0,4}(满|已满|不少于|不低于|超过|在|达到?)?\s*[\d一二三四五六七八九十两]+\s*(年|周年)/,
        /成立(日期|时间)[^，。；]{0,12}(之前|以前|前)/,
        // years since incorporation in other words: "自注册之日起已满五周年", "取得营业执照满三年"
        /(注册|成立|设立|登记|开业|营业执照|工商登记)[^，。；]{0,12}((?<![不未])满|已满|超过|不少于|不低于)\s*[\d一二三四五六七八九十两]+\s*(个)?(年|周年)/,
        /(营收|主营收入|年收入|经营收入|销售收入|销售总额|营业总额|收入总额)[^，。；]{0,6}(超过|不低于|不少于|达到|以上|≥)/,
        // any company-finance figure with a money threshold: "缴纳税款总额须达到100万元", "纳税金额不低于30万元"
        /(资本|资产|收入|营收|营业|销售|产值|利润|利税|纳税|税款|税收|缴税)[\u4e00-\u9fa5（）()]{0,8}(不低于|不少于|达到|超过|≥|在)\s*(人民币)?[\d零〇一二三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟,.]+\s*(万|亿)?元/,
        /(自成立|成立以来|成立至今)[^，。；]{0,12}[\d一二三四五六七八九十两]+\s*(个)?(年|周年)/,
        // head count with the figure first: "在职专业技术人员20人以上", "不少于30名在册技术人员"
        /(在职|在册|正式|缴纳社保的?)[^，。；]{0,6}(员工|职工|人员|技术人员)[^，。；]{0,4}[\d一二三四五六七八九十百]+\s*(人|名)(及)?以上/,
        /(不少于|至少|不低于|达到|超过)\s*[\d一二三四五六七八九十百]+\s*(名|人)的?(在职|在册|正式|缴纳社保)/,
        /(持续)?经营(满|已满|超过|不少于|不低于|达到?)\s*[\d一二三四五六七八九十两]+\s*(年|周年)/,
        // head count of the company (not the team put on the project): "企业拥有正式员工不少于50人"
        /(企业|公司|单位|投标人|供应商)[^，。；]{0,4}(拥有|现有|在职|在册|正式)[^，。；]{0,4}(员工|职工|人员|技术人员|工人)[^，。；]{0,6}(不少于|不低于|达到|超过|≥)\s*[\d一二三四五六七八九十百]+\s*(人|名)/,
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
        /(单项|单个|单笔|单份)?合同[\u4e00-\u9fa5]{0,4}(金额|额|价|价款)[^，。；]{0,8}(不低于|不少于|以上|达到|≥|超过)/,
        /\d+(\.\d+)?\s*万元(及)?以上的?[^，。；]{0,10}(业绩|项目|合同)/,
        /金额(不低于|不少于|达到|在)[^，。；]{0,12}(业绩|项目)/,
        /(造价|投资额|投资规模|中标金额|中标价|结算(金额|价))[^，。；]{0,8}(不低于|不少于|以上|达到|≥|超过)/,
        /([零〇一二三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+|\d[\d,.]*\s*)(万|亿)?元(及)?以上的?[^，。；]{0,10}(业绩|项目|合同|工程)/,
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
      hit: [
        /500强|五百强|百强企业|百强|十强|百佳|百家|纳税大户|规模以上企业|规模以上|龙头企业|规模等级|排行榜|(企业|公司)[^，。；]{0,8}前\s*[\d一二三四五六七八九十百]+\s*(名|家|强)|(行业|同行|全国|全省|全市)[^，。；]{0,8}(排名|排行|名列)(前|第)?\s*[\d一二三四五六七八九十百]+\s*(位|名|强|家)/,
      ],
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
        // the area first, the premises after: "面积不少于200平方米的自有仓库"
        /面积[^，。；]{0,4}(不少于|不低于|≥|超过|达到)\s*\d+\s*(平方米|㎡|平米|m2)[^，。；]{0,8}(场所|场地|厂房|仓库|办公|营业|门店|车间|用房)/,
        // the supplier's own premises, size first: "租用不少于60平方米的办公场所" (not a site facility to set up)
        new RegExp(
          `(拥有|自有|租用|租赁|具有|具备|有)[^，。；]{0,4}(不少于|不低于|不小于|≥|超过|达到)\\s*\\d+\\s*(平方米|㎡|平米|m2)[^，。；]{0,4}的?[^，。；]{0,4}(${SITE}|场所|场地|厂房|用房|车间)`,
        ),
        new RegExp(`${SITE}(的)?(数量|个数)`),
        /(门店|网点|分支机构|分公司|维修站|服务站|办事处|服务点|维修点|站点)[^，。；]{0,6}[\d一二三四五六七八九十]+\s*(家|个|处)(及)?以上/,
        /(有|设有|拥有|建有)\s*[\d一二三四五六七八九十]+\s*(家|个|处)(及)?以上[\u4e00-\u9fa5]{0,6}(网点|服务点|站点|门店|维修点|分支机构|分公司|办事处|服务站|中心)/,
        // spread of outlets: "在全市各区县均设有服务站点"
        new RegExp(
          `(全国|全省|全市|全县|各地市?|各区县?|各乡镇|各县区?)[^，。；]{0,8}(均|都|均需)?(设有|设立|建有|拥有|有)[^，。；]{0,6}(${SITE}|站点)`,
        ),
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
        /(须为|必须为|应为|仅限|限于|只接受|仅接受|只允许|仅允许|只限)[^，。；]{0,14}(国有|国营|央企|中央企业|上市|股份有限公司|有限责任公司|全民所有制|事业单位|集体企业|集体所有制|所有制)/,
        /(国有[\u4e00-\u9fa5]{0,4}(企业|公司)|国有控股|国营|央企|中央企业|上市公司|股份有限公司|全民所有制|集体所有制|事业单位)[^，。；]{0,6}(优先|方可|加\s*\d|得\s*\d|为限|才能)/,
        /(民营企业|私营企业|民营|个体工商户|个体户|合伙企业|个人独资企业|非公有制企业|集体企业)[^，。；]{0,6}(不得|不能|不予|不接受|不具备|禁止|谢绝|除外)/,
      ],
      unless: [SOFT_NEGATION],
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
        /(不得|不能|不允许|不可)(为|是)?[^，。；]{0,4}(外资|外商|中外合资|中外合作|境外|港澳台)/,
        /(外资|外商|中外合资|中外合作|港澳台)[^，。；]{0,6}(不具备|不具有|无)[^，。；]{0,6}资格/,
        /内资[^，。；]{0,6}(得\s*\d|加\s*\d|优先|方可)/,
        /实际控制人[^，。；]{0,6}(须|必须|应|为)/,
        /(股东|投资者|投资人|出资人|实际控制人|控股股东|法定代表人)[^，。；]{0,8}(国籍|中国籍|外籍|境外|外资)/,
      ],
      unless: [SOFT_NEGATION],
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
        /(同一|相同)(品牌|厂家|厂商|制造商|生产商|生产厂家|制造厂)/,
        // a named company: "须由杭州海纳科技有限公司负责实施"
        /(必须由|须由|只能由|仅由|应由|指定由)[^的，。；]{2,16}(有限公司|有限责任公司|股份公司|集团)[^，。；]{0,4}(提供|负责|实施|供货|生产|维护)/,
        /(专用|专有|私有)(接口|协议|耗材|操作系统|系统|软件|格式|通信)/,
        /与[^，。；]{0,8}(现有|原有)[^，。；]{0,10}(相同|一致|同一|同品牌|同型号)/,
        // the incumbent's maker or developer: "须为原有设备生产厂家的产品", "只能由原软件开发商实施"
        /原(有)?[^，。；]{0,6}(生产厂家|厂家|厂商|品牌|开发单位|开发商|承建单位|集成商)[^，。；]{0,4}(一致|相同|的产品|实施|提供|负责|生产)/,
        /(不接受|不允许|排除)其他(厂家|厂商|品牌|供应商|生产商)/,
        /其他(厂家|厂商|品牌|供应商|生产商)[^，。；]{0,6}(不予接受|不接受|无效|不予认可)/,
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
        /(须为|必须为|应为|限定为?|指定为?|限用|须采用|须选用)[\u4e00-\u9fa5A-Za-z]{1,8}(品牌|牌)(产品|设备)?$/,
        /主流品牌|一流品牌|顶级品牌|高端品牌|大品牌|驰名商标|知名品牌|一线品牌|国际知名|国内知名|著名品牌|名牌产品|参考品牌|推荐品牌|指定品牌|同等档次|同档次|相当于|或同等|或相当|原厂(质保|保修|工程师|技术人员|服务|配件|生产|产品)(?![^，。；]{0,12}(授权|承诺|证明|背书|保证))/,
        /品牌(须为|必须为|应为|限于|为|指定为?|限定为?|采用|选用)/,
        /型号(为|须为|：|:)\s*[A-Za-z0-9]/,
        /专利号|专利(产品|技术)(须|必须)|注册商标(须|为)/,
        /(原产地|产地)(须为|为|限于)/,
        /[“"「][^”"」]{1,12}[”"」]\s*(品牌|牌)/,
        /(美国|德国|日本|英国|法国|意大利|瑞士|瑞典|韩国|欧美|欧洲|进口)原装|原装进口|原产(于|自)/,
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
        /(计算机信息系统集成|系统集成|信息系统工程监理|物业服务企业|物业管理企业?|城市园林绿化企业?|园林绿化企业?|安防工程企业|工程造价咨询(企业)?|造价咨询)[^，。；]{0,8}资质/,
        /工程咨询单位资格|招标代理(机构)?资格|政府采购代理(机构)?资格/,
        /(施工劳务|劳务分包|劳务作业)[^，。；]{0,6}资质/,
        /(安全技术防范|安防)[^，。；]{0,8}资质/,
      ],
      // 涉密信息系统集成资质 is a current licence of the state secrecy administration.
      unless: [NEGATION, /涉密/],
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
        /[\u4e00-\u9fa5]{2,10}(商会|学会|联合会|促进会|研究会)[^，。；]{0,8}(证书|奖|荣誉|会员|称号|颁发|授予|评定|认定)/,
        /理事单位|会长单位|常务理事|会员证|协会会员|会员单位|协会(颁发|认证|评定|授予)|[\u4e00-\u9fa5]{2,8}协会[^，。；]{0,6}(证书|奖|荣誉|会员)/,
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
        /(制造商|制造厂商|生产厂家|生产厂商|生产商|厂家|原厂|厂商)[^，。；]{0,12}(授权|承诺函|承诺书|证明|背书|售后服务承诺|保证函|保证书|质保函|确认函|支持函)/,
        /针对本项目的?(授权书|授权函)/,
      ],
      when: (doc) => doc.importedGoods !== true,
      // "进口产品须提供授权" is the allowed case, "非进口…" / "不接受进口…" is not.
      unless: [NEGATION, /(?<![非受绝])进口/],
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
      hit: [
        /入库|备选库|名录库|资格库|预选库|供应商库|诚信库|名录|短名单/,
        /(纳入|入选|进入|列入|加入)[^，。；]{0,14}库(?!房|存)/,
        /(机构|企业|单位|供应商|服务商|商家)库/,
        /(商城|超市|电子卖场|平台)[^，。；]{0,2}入驻|入驻(供应商|企业|商家|单位)/,
        // membership of a list someone publishes: "须为…公布的合格供应商名单内单位"
        /(须为|应为|必须为|限于|须是)[^，。；]{0,20}名单(内|中|之内|上)/,
        /(录入|纳入|进入|入驻|登记在)[^，。；]{0,16}(平台|系统|卖场|商城|名录|目录)/,
        /(商城|超市|卖场|平台)[^，。；]{0,4}(签约|入驻|注册)(供应商|商家|企业)/,
      ],
      // "未被列入经营异常名录" excludes by an official list; D17 is about requiring membership.
      unless: [NEGATION, /未被|没有被|不属于|未列入|未纳入/],
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
      hit: [
        /(须|应|需|必须)[^，。；]{0,6}(在|到|向|于)[^，。；]{0,16}(备案|(?<!注册|工商)登记(?!注册)|进场|报名)/,
        /现场(报名|登记)|未(报名|登记|备案)的?[^，。；]{0,4}不得/,
        /(须|应|需|必须)[^。；]{0,30}(到|赴|前往)[^，。；]{0,16}(报名|登记|备案|进场)/,
        /进(市|省|县|区|京|沪|津|渝)(许可|备案|登记|证明|手续)|入(市|省|县|区)(许可|备案|登记|手续)/,
      ],
      // Registering on the electronic procurement platform (CA certificate) is how bids are submitted at all.
      unless: [
        NEGATION,
        POST_AWARD,
        /电子(交易|采购|招投标)?平台|CA|数字证书|交易系统|采购系统|云平台|名录|库/,
      ],
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
        /(获取|领取|购买|下载)(招标|采购|磋商|谈判|询价)?文件(时|前|须|应|需)[^。；]{0,24}(提供|出示|提交|携带|递交|查验|上传|审核|资格预审)/,
        /(提供|出示|提交|携带|递交|审核|审查|查验|持)[^。；]{0,30}(方可|才能|后|到|现场)[^。；]{0,12}(获取|领取|购买|下载)(招标|采购|磋商|谈判|询价)?文件/,
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
        /(须|必须|应|只能|仅|限)[^，。；]{0,10}(国家级|省级|部级|指定的?|[\u4e00-\u9fa5]{2,12}(检测|检验|质检|计量)(中心|研究院|院|所|站)|[\u4e00-\u9fa5]{2,16}(研究院|研究所|检测院|检验院|质检院|计量院))[^，。；]{0,10}(出具|检测|检验|认证|完成|进行)/,
        /(省级|市级|县级|其他)[^，。；]{0,6}机构(出具|检测)?的?[^，。；]{0,6}(不予|不被|无效|不认可|不接受)/,
        new RegExp(
          `(须|必须|应|只能|仅|限)[^，。；]{0,6}${LOCAL}[^，。；]{0,8}机构[^，。；]{0,6}(出具|检测|检验)`,
        ),
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
      hit: [
        /定点[\u4e00-\u9fa5]{0,4}(供应商|单位|服务商|机构|企业|商|厂)|入围[\u4e00-\u9fa5]{0,2}(供应商|单位|企业|名单|服务商|商家|机构)|协议供货(商|供应商)/,
      ],
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
        /被[^，。；]{0,8}投诉/,
        /(无|未|没有|不得有)[^，。；]{0,16}(纠纷|仲裁|诉讼|投诉|违约|警告|通报|约谈)/,
      ],
      unless: [SOFT_NEGATION, /重大违法记录|失信被执行人|严重违法失信|重大税收违法/],
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
      hit: [
        /\b(CE|RoHS|FCC|UL)\b[^，。；]{0,4}(认证|证书|标志)?/,
        /(TÜV|TUV|\bGS\b|\bETL\b|\bVDE\b|\bPSE\b|\bSAA\b|\bCSA\b|\bFDA\b|能源之星|Energy\s?Star|\bErP\b)[^，。；]{0,4}(认证|证书|标志|注册)?/i,
        /(欧盟|美国|德国|日本|英国|韩国|澳大利亚|加拿大|欧洲)[^，。；]{0,6}认证/,
      ],
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
        if (!PERFORMANCE.test(s) || /不作为|不以|不要求|无需|无须/.test(s)) continue;
        for (const re of PERF_COUNTS) {
          const m = re.exec(s);
          const count = m?.groups?.n === undefined ? null : parseCount(m.groups.n);
          if (m && count !== null && count > 2) return m[0];
        }
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
      for (const q of qualification) {
        const name = qualificationNames(q.text).find((n) => clause.text.includes(n));
        if (name !== undefined) return name;
        // construction qualification class: "（消防设施工程专业承包二级）" → "消防设施工程专业承包"
        for (const m of q.text.matchAll(/([\u4e00-\u9fa5]{2,16}?)(施工总承包|专业承包)/g)) {
          const discipline = (m[1] ?? '').replace(/^.*(具有|具备|持有|取得|须|的|：)/, '');
          const key = discipline + (m[2] ?? '');
          if (discipline.length >= 2 && clause.text.includes(key)) return key;
        }
        // management-system codes: "ISO27001信息安全管理体系认证" in the qualification, "ISO27001认证" in scoring
        for (const code of q.text.match(/ISO\s?\d{4,5}|CMMI|ITSS/gi) ?? []) {
          const key = code.replace(/\s/g, '').toUpperCase();
          if (clause.text.replace(/\s/g, '').toUpperCase().includes(key)) return code;
        }
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
        /(平均(报价|价格|价|值)|均价|均值|算术平均|加权平均)[^，。；]{0,12}(基准|作为|为评标|为磋商)/,
        /(基准价|基准)[^，。；]{0,14}(平均|均价|均值)/,
        /平均(值|价)?法|平均[^，。；]{0,12}基准|基准[^，。；]{0,14}平均/,
        /(中间值|中位数|中值)[^，。；]{0,12}(基准|作为|为评标)|(基准价|基准)[^，。；]{0,14}(中间值|中位数|中值)/,
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
      hit: [
        /酌情|视情况|综合考虑|综合评定|自由裁量|由评委(会)?(自行|根据)|印象分|主观分|自主判断|自行判断|主观判断|自行打分|自由打分/,
        /(评委|评审专家|专家|评标委员会|评审小组|磋商小组)[^，。；]{0,4}(根据|依据|按照?|视|结合)(?![^，。；]{0,8}(评分标准|量化|上述标准))[^，。；]{0,14}(打分|评分|给分|评定|给予|评价)/,
        // bare grade words with points and no criteria: "优得6分，良得4分，中得2分" / "优秀8分、良好5分"
        /(优秀|优|好|较好|良好|良)[：:的]?得?\s*\d+(\.\d+)?\s*分[，、；;]\s*(较好|良好|良|一般|中|较差|差)[：:的]?得?\s*\d+(\.\d+)?\s*分/,
        // adjective tiers with a score range and no indicator: "内容完整的得6-8分，一般的得0-2分"
        /(优|良|好|一般|较差|差|完整|完善|合理|可行|清晰|强)[^，。；]{0,6}得\s*\d+(\.\d+)?\s*[-－—–~～至到]\s*\d+(\.\d+)?\s*分/,
      ],
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
        const m =
          /(提供|提交|递交|送达)[^，。；]{0,6}(样品|小样|样件|样衣|样板|样块)|(样品|小样|样件|样衣|样板|样块)(送至|送达|提交|递交|寄送|交至|送到|交到)/.exec(
            s,
          );
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
