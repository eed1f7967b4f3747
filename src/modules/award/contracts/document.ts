/**
 * The text of a 政府采购合同 as a document model (pure: no clock, no I/O). It names the parties (the purchaser unit,
 * the supplier with its 统一社会信用代码), the project and lot, the amount in figures and in 大写, the terms agreed
 * at generation (bond, payment term, performance period, delivery place), the winner's commitments read out at the
 * opening, and the 合同主要条款 chapter of the project's tender documents rendered with the project's facts — the
 * contract may not change the substance of what was tendered (政府采购法 第四十六条; 条例 第四十九条 ⚠️ reading).
 *
 * The stored document is plain JSON; both parties sign the SHA-256 of its RFC 8785 canonical form.
 */
import {
  formatDay,
  moneyPhrase,
  renderDocument,
  yuan,
  yuanInWords,
  type Block,
  type RenderInput,
  type RenderedDocument,
} from '../../tendering/index.ts';

export const BOND_FORMS = {
  none: '不收取',
  bankGuarantee: '银行保函',
  insuranceGuarantee: '保证保险',
  guaranteeInstitution: '担保机构保函',
  transfer: '转账（支票、汇票、本票等非现金形式）',
} as const;
export type BondForm = keyof typeof BOND_FORMS;

export interface ContractTerms {
  bondFen: bigint;
  bondForm: BondForm;
  paymentTermsDays: number | null;
  performancePeriod: string;
  deliveryPlace: string;
}

export interface ContractFacts {
  code: string;
  centreName: string;
  project: {
    code: string;
    name: string;
    methodLabel: string;
  };
  lot: { no: number; name: string; lots: number };
  purchaser: { name: string; creditCode: string | null; address: string | null };
  supplier: {
    name: string;
    creditCode: string;
    legalRepresentative: string;
    address: string | null;
    sme: boolean;
  };
  /** The share's plan item (品目), for the notice's main subject. */
  subject: string;
  budgetFen: bigint;
  amountFen: bigint;
  /** The whole lot's award, when this contract is one purchaser's part of a bundled lot. */
  lotAmountFen: bigint;
  noticedOn: string;
  terms: ContractTerms;
  /** The winner's 开标一览表 row for the lot: its price and the other read-out items (交货期, 质保期 …). */
  commitments: { priceFen: bigint; items: Record<string, string> };
  /** The project's rendering input, for the 合同主要条款 chapter of its template. */
  render: RenderInput;
}

/** The stored contract document (JSON) — what the parties sign the hash of. */
export interface ContractDocument extends RenderedDocument {
  kind: 'zhengcaiContract';
  version: 1;
  code: string;
  projectCode: string;
  lotNo: number;
  /** The main subject (主要标的), as the 合同公告 names it. */
  subject: string;
  purchaser: { name: string; creditCode: string | null };
  supplier: { name: string; creditCode: string };
  amountFen: string;
  amountFigures: string;
  amountWords: string;
  terms: {
    bondFen: string;
    bondForm: BondForm;
    paymentTermsDays: number | null;
    performancePeriod: string;
    deliveryPlace: string;
  };
  commitments: { priceFen: string; items: Record<string, string> };
}

export function paymentTermsText(days: number | null, sme: boolean): string {
  if (days === null)
    return sme
      ? '自履约验收合格之日起30日内支付合同价款（保障中小企业款项支付条例第九条）'
      : '按合同约定支付';
  return `自履约验收合格且收到发票之日起${days}日内支付合同价款`;
}

/** The 合同主要条款 chapter of the template, rendered with the project's facts and this contract's terms. */
export function mainTermsBlocks(facts: ContractFacts): Block[] {
  const section = facts.render.template.sections.find((s) => s.heading.includes('合同主要条款'));
  if (!section) return [];
  const rendered = renderDocument({
    ...facts.render,
    requirements: {
      ...facts.render.requirements,
      deliveryPeriod: facts.terms.performancePeriod,
      deliveryPlace: facts.terms.deliveryPlace,
      paymentTerms: paymentTermsText(facts.terms.paymentTermsDays, facts.supplier.sme),
    },
    template: { ...facts.render.template, sections: [section] },
  });
  // The chapter becomes part four of the contract: its own heading is replaced, sub-headings kept one level down.
  return rendered.blocks
    .slice(1)
    .map((b) => (b.kind === 'heading' ? { ...b, level: b.level === 1 ? 2 : 3 } : b));
}

export function contractDocument(facts: ContractFacts): ContractDocument {
  const { terms } = facts;
  const lotTitle = facts.lot.lots > 1 ? ` 第${facts.lot.no}包（${facts.lot.name}）` : '';
  const items = Object.entries(facts.commitments.items);
  const bundled = facts.lotAmountFen !== facts.amountFen;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: '政府采购合同' },
    { kind: 'paragraph', text: `合同编号：${facts.code}` },
    {
      kind: 'table',
      header: ['', '名称', '统一社会信用代码', '地址'],
      rows: [
        [
          '采购人（甲方）',
          facts.purchaser.name,
          facts.purchaser.creditCode ?? '—',
          facts.purchaser.address ?? '—',
        ],
        ['供应商（乙方）', facts.supplier.name, facts.supplier.creditCode, facts.supplier.address ?? '—'],
      ],
    },
    {
      kind: 'paragraph',
      text: `根据${facts.project.name}（项目编号：${facts.project.code}）${lotTitle}的采购结果（${facts.project.methodLabel}，中标（成交）通知书于${formatDay(facts.noticedOn)}发出），甲乙双方依照《中华人民共和国政府采购法》《中华人民共和国民法典》，按采购文件和乙方投标（响应）文件确定的事项签订本合同。`,
    },
    { kind: 'heading', level: 2, text: '一、合同标的和金额' },
    { kind: 'paragraph', text: `合同标的：${facts.subject}。` },
    { kind: 'paragraph', text: `合同金额：${moneyPhrase(facts.amountFen)}。` },
    ...(bundled
      ? [
          {
            kind: 'paragraph' as const,
            text: `本包为打包采购，中标（成交）金额${yuan(facts.lotAmountFen)}元按各采购人份额预算比例分摊，本合同为甲方份额（预算${yuan(facts.budgetFen)}元）。`,
          },
        ]
      : []),
    { kind: 'heading', level: 2, text: '二、履约和付款' },
    { kind: 'paragraph', text: `履约期限：${terms.performancePeriod}。` },
    { kind: 'paragraph', text: `交货（服务）地点：${terms.deliveryPlace}。` },
    {
      kind: 'paragraph',
      text: `付款期限：${paymentTermsText(terms.paymentTermsDays, facts.supplier.sme)}。`,
    },
    {
      kind: 'paragraph',
      text:
        terms.bondFen === 0n
          ? '履约保证金：不收取。'
          : `履约保证金：${moneyPhrase(terms.bondFen)}，以${BOND_FORMS[terms.bondForm]}形式提交，不超过合同金额的10%（政府采购法实施条例第四十八条）。`,
    },
    ...(facts.supplier.sme
      ? [
          {
            kind: 'paragraph' as const,
            text: '乙方为中小企业，甲方付款期限最长不超过60日，不得以机构变动、人员更替、未办理结算等为由拒绝或者迟延支付（保障中小企业款项支付条例第九条、第十条）。',
          },
        ]
      : []),
    { kind: 'heading', level: 2, text: '三、乙方投标承诺' },
    {
      kind: 'table',
      header: ['项目', '承诺'],
      rows: [
        [
          '投标报价',
          `${yuan(facts.commitments.priceFen)}元（人民币${yuanInWords(facts.commitments.priceFen)}）`,
        ],
        ...items.map(([k, v]) => [k, v]),
      ],
    },
    { kind: 'heading', level: 2, text: '四、合同主要条款' },
    ...mainTermsBlocks(facts),
    { kind: 'heading', level: 2, text: '五、签署' },
    {
      kind: 'paragraph',
      text: '本合同由甲乙双方以各自的电子签名密钥签署，签署内容为本合同文本的SHA-256摘要；双方签署之日为合同签订之日。',
    },
    {
      kind: 'table',
      header: ['甲方（采购人）', '乙方（供应商）'],
      rows: [
        [facts.purchaser.name, facts.supplier.name],
        ['（电子签名）', `法定代表人或授权代表：${facts.supplier.legalRepresentative}（电子签名）`],
      ],
    },
  ];
  return {
    kind: 'zhengcaiContract',
    version: 1,
    code: facts.code,
    projectCode: facts.project.code,
    lotNo: facts.lot.no,
    subject: facts.subject,
    title: `${facts.project.name}${lotTitle}`,
    subtitle: '政府采购合同',
    cover: {
      projectCode: facts.project.code,
      purchasers: facts.purchaser.name,
      centreName: facts.centreName,
      date: '　　年　　月　　日',
    },
    purchaser: { name: facts.purchaser.name, creditCode: facts.purchaser.creditCode },
    supplier: { name: facts.supplier.name, creditCode: facts.supplier.creditCode },
    amountFen: String(facts.amountFen),
    amountFigures: `${yuan(facts.amountFen)}元`,
    amountWords: `人民币${yuanInWords(facts.amountFen)}`,
    terms: {
      bondFen: String(terms.bondFen),
      bondForm: terms.bondForm,
      paymentTermsDays: terms.paymentTermsDays,
      performancePeriod: terms.performancePeriod,
      deliveryPlace: terms.deliveryPlace,
    },
    commitments: { priceFen: String(facts.commitments.priceFen), items: facts.commitments.items },
    blocks,
  };
}
