/**
 * The text of the notices a project publishes, after the formats of 《政府采购公告和公示信息格式规范（2020年版）》
 * (财办库〔2020〕50号): 招标公告, 资格预审公告, 竞争性谈判/磋商/询价公告 (投标邀请书 under 邀请招标), 更正公告 and
 * 终止公告. Pure: the publication date and the figures all come in through the input.
 */
import { AppError } from '../../../platform/errors.ts';
import { lotteryPriceOf } from '../rules/lottery.ts';
import type { RenderInput, RenderLot } from './model.ts';
import {
  acceptsConsortium,
  CATEGORY_LABEL,
  DOCUMENT_NAME,
  METHOD_LABEL,
  PENDING,
  formatDay,
  formatInstant,
  importedGoodsSentence,
  moneyPhrase,
  smeSentence,
  yuan,
} from './render.ts';

export type NoticeKind = 'prequalification' | 'tender' | 'invitation' | 'correction' | 'termination';

export interface CorrectionFacts {
  /** The day the notice being corrected was first published, `YYYY-MM-DD`. */
  originalPublishedOn: string;
  /** 更正内容, as the centre wrote it. */
  content: string;
  previousDeadline: Date | null;
  /** The new response deadline when the correction moves it, otherwise null. */
  newDeadline: Date | null;
  /** 更正日期, `YYYY-MM-DD`; omitted from the text when absent. */
  correctedOn?: string;
}

export type NoticeInput = Omit<RenderInput, 'template'> & {
  /** 本项目是否接受联合体投标; absent = as the requirements imply (render.ts acceptsConsortium). */
  acceptsConsortium?: boolean;
  correction?: CorrectionFacts;
  termination?: { reason: string };
};

export interface NoticeText {
  title: string;
  body: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'] as const;

/** Joins numbered sections: 一、heading, then its lines. */
function sections(parts: readonly (readonly [string, readonly string[]])[]): string {
  return parts
    .map(([heading, body], i) => [`${NUMERALS[i] ?? String(i + 1)}、${heading}`, ...body].join('\n'))
    .join('\n\n');
}

const isTender = (input: NoticeInput): boolean =>
  input.project.method === 'openTender' || input.project.method === 'invitedTender';

function lotSummary(lot: RenderLot): string {
  const parts = [`第${lot.no}包：${lot.name}`];
  if (lot.quantity) parts.push(`数量：${lot.quantity}`);
  parts.push(`预算金额：${yuan(lot.budgetFen)}元`);
  parts.push(`最高限价：${lot.ceilingFen === null ? '不设' : `${yuan(lot.ceilingFen)}元`}`);
  if (lot.description) parts.push(`简要需求：${lot.description}`);
  return `${parts.join('；')}。`;
}

function ceilings(lots: readonly RenderLot[]): string {
  if (lots.every((l) => l.ceilingFen === null)) return '不设最高限价';
  return lots
    .map((l) => `第${l.no}包 ${l.ceilingFen === null ? '不设' : `${yuan(l.ceilingFen)}元`}`)
    .join('；');
}

/** 合理定价评审抽签法: the 定标价 of each lot, announced with the notice for every bidder to accept. */
function lotteryLines(input: NoticeInput): string[] {
  const r = input.requirements;
  if (r.evaluationMethod !== 'priceLottery' || !r.lottery) return [];
  const terms = r.lottery;
  const prices = [...input.lots]
    .sort((a, b) => a.no - b.no)
    .map((l) => {
      const p = lotteryPriceOf(r, l.no);
      return `第${l.no}包 ${p === null ? '见采购文件' : `${yuan(p)}元`}`;
    });
  return [
    `评审方法：合理定价评审抽签法。定标价 = 财政评审价 ×（1 − 下浮比例 ${(terms.floatDownBp / 100).toFixed(2)}%），投标人按定标价投标；通过资格性和符合性审查的投标人不少于三家的，现场公开抽签确定中标候选人顺序。`,
    `定标价：${prices.join('；')}`,
  ];
}

function basics(input: NoticeInput): string[] {
  const { project, lots, requirements: r } = input;
  return [
    `项目编号：${project.code}`,
    `项目名称：${project.name}`,
    `采购方式：${METHOD_LABEL[project.method]}`,
    `预算金额：${moneyPhrase(project.budgetFen)}`,
    `最高限价：${ceilings(lots)}`,
    `采购需求（${CATEGORY_LABEL[project.category]}）：`,
    ...[...lots].sort((a, b) => a.no - b.no).map(lotSummary),
    `合同履行期限：${r.deliveryPeriod ?? `详见${DOCUMENT_NAME[project.method]}`}`,
    `本项目${(input.acceptsConsortium ?? acceptsConsortium(r)) ? '接受' : '不接受'}联合体投标。`,
    ...lotteryLines(input),
  ];
}

function qualifications(input: NoticeInput): string[] {
  const { requirements: r, lots } = input;
  const specific = r.qualification.map((c, i) => {
    const lot = c.lotNo === null ? '' : `（第${c.lotNo}包${lots.find((l) => l.no === c.lotNo)?.name ?? ''}）`;
    return `（${i + 1}）${c.text}${lot}`;
  });
  return [
    '1. 满足《中华人民共和国政府采购法》第二十二条规定；',
    `2. 落实政府采购政策需满足的资格要求：${smeSentence(r.sme, input.project.category)}`,
    `3. 本项目的特定资格要求：${specific.length === 0 ? '无。' : ''}`,
    ...specific,
  ];
}

const day = (d: string | null): string => (d ? formatDay(d) : PENDING);
const instant = (d: Date | null): string => (d ? formatInstant(d) : PENDING);

function obtainDocuments(input: NoticeInput): string[] {
  const s = input.schedule;
  const doc = DOCUMENT_NAME[input.project.method];
  return [
    `时间：${day(s.documentsIssuedOn)}至${day(s.documentsAvailableUntil)}，本平台全天开放（北京时间，下同）`,
    `地点：${input.centreName}电子交易平台（本平台）`,
    `方式：供应商使用数字证书登录本平台免费下载${doc}`,
    '售价：0元',
  ];
}

function others(input: NoticeInput): string[] {
  const r = input.requirements;
  const out = [
    '1. 本项目全流程电子化，供应商应在截止时间前通过本平台加密递交电子文件，逾期递交的，本平台拒收。',
    `2. 投标（响应）保证金：${r.depositFen !== null && BigInt(r.depositFen) > 0n ? moneyPhrase(BigInt(r.depositFen)) : '不收取'}。`,
  ];
  if (input.project.category === 'goods') out.push(`3. ${importedGoodsSentence(r.importedGoods)}`);
  return out;
}

function contacts(input: NoticeInput): string[] {
  return [
    '1. 采购人信息',
    `名称：${input.project.purchaserNames.join('、')}`,
    '2. 采购代理机构信息',
    `名称：${input.centreName}`,
    `地址：${input.centreAddress ?? '详见本平台'}`,
    `联系方式：${input.centrePhone ?? '详见本平台'}`,
  ];
}

function tenderNotice(input: NoticeInput): NoticeText {
  const s = input.schedule;
  return {
    title: `${input.project.name}招标公告`,
    body: [
      '项目概况',
      `${input.project.name}的潜在投标人应在本平台获取招标文件，并于${instant(s.bidDeadlineAt)}前递交投标文件。`,
      '',
      sections([
        ['项目基本情况', basics(input)],
        ['申请人的资格要求', qualifications(input)],
        ['获取招标文件', obtainDocuments(input)],
        [
          '提交投标文件截止时间、开标时间和地点',
          [
            `提交投标文件截止时间：${instant(s.bidDeadlineAt)}`,
            `开标时间：${instant(s.openingAt ?? s.bidDeadlineAt)}`,
            `地点：${s.openingPlace ?? PENDING}`,
          ],
        ],
        ['公告期限', ['自本公告发布之日起5个工作日。']],
        ['其他补充事宜', others(input)],
        ['对本次招标提出询问，请按以下方式联系', contacts(input)],
      ]),
    ].join('\n'),
  };
}

function prequalificationNotice(input: NoticeInput): NoticeText {
  const s = input.schedule;
  return {
    title: `${input.project.name}资格预审公告`,
    body: [
      '项目概况',
      `${input.project.name}采用${METHOD_LABEL[input.project.method]}方式采购，现进行资格预审，潜在供应商应在本平台领取资格预审文件，并于${day(s.documentsAvailableUntil)}前提交资格预审申请文件。`,
      '',
      sections([
        ['项目基本情况', basics(input)],
        ['申请人的资格要求', qualifications(input)],
        [
          '领取资格预审文件',
          [
            `时间：${day(s.documentsIssuedOn)}至${day(s.documentsAvailableUntil)}，本平台全天开放（北京时间）`,
            `地点：${input.centreName}电子交易平台（本平台）`,
            '方式：供应商使用数字证书登录本平台免费下载',
            '售价：0元',
          ],
        ],
        ['资格预审申请文件的组成及格式', ['详见资格预审文件。']],
        [
          '资格预审的审查标准及方法',
          ['采用合格制：对申请人逐项审查本公告第二项规定的资格要求，全部满足的为通过资格预审。'],
        ],
        [
          '拟邀请参加投标的供应商数量',
          [
            '从通过资格预审的供应商中以随机方式选择3家以上，并向其发出投标邀请书（《政府采购货物和服务招标投标管理办法》第十四条）；通过资格预审的供应商不足3家的，重新组织采购。',
          ],
        ],
        [
          '申请文件提交',
          [
            `截止时间：${day(s.documentsAvailableUntil)}（自本公告发布之日起不少于5个工作日）`,
            `地点：${input.centreName}电子交易平台（本平台）`,
          ],
        ],
        ['资格预审日期', ['申请文件提交截止后3个工作日内完成资格预审，审查结果在本平台告知申请人。']],
        ['公告期限', ['自本公告发布之日起5个工作日。']],
        ['其他补充事宜', others(input)],
        ['凡对本次资格预审提出询问，请按以下方式联系', contacts(input)],
      ]),
    ].join('\n'),
  };
}

/** 竞争性谈判 / 竞争性磋商 / 询价 公告, and under 邀请招标 the 投标邀请书 sent to the suppliers drawn. */
function invitationNotice(input: NoticeInput): NoticeText {
  const s = input.schedule;
  const m = input.project.method;
  const doc = DOCUMENT_NAME[m];
  if (m === 'openTender' || m === 'invitedTender') {
    return {
      title: `${input.project.name}投标邀请书`,
      body: [
        '通过资格预审并经随机选定的供应商：',
        `${input.centreName}受${input.project.purchaserNames.join('、')}委托，邀请你单位参加${input.project.name}（项目编号：${input.project.code}）${METHOD_LABEL[m]}，请于${instant(s.bidDeadlineAt)}前递交投标文件。`,
        '',
        sections([
          ['项目基本情况', basics(input)],
          ['获取招标文件', obtainDocuments(input)],
          [
            '提交投标文件截止时间、开标时间和地点',
            [
              `提交投标文件截止时间：${instant(s.bidDeadlineAt)}`,
              `开标时间：${instant(s.openingAt ?? s.bidDeadlineAt)}`,
              `地点：${s.openingPlace ?? PENDING}`,
            ],
          ],
          ['其他补充事宜', others(input)],
          ['对本次招标提出询问，请按以下方式联系', contacts(input)],
        ]),
      ].join('\n'),
    };
  }
  const noticeName = m === 'singleSource' ? '单一来源采购邀请' : `${METHOD_LABEL[m]}公告`;
  return {
    title: `${input.project.name}${noticeName}`,
    body: [
      '项目概况',
      `${input.project.name}的潜在供应商应在本平台获取${doc}，并于${instant(s.bidDeadlineAt)}前提交响应文件。`,
      '',
      sections([
        ['项目基本情况', basics(input)],
        ['申请人的资格要求', qualifications(input)],
        ['获取采购文件', obtainDocuments(input)],
        [
          '响应文件提交',
          [`截止时间：${instant(s.bidDeadlineAt)}`, `地点：${input.centreName}电子交易平台（本平台）`],
        ],
        ['开启', [`时间：${instant(s.openingAt ?? s.bidDeadlineAt)}`, `地点：${s.openingPlace ?? PENDING}`]],
        ['公告期限', ['自本公告发布之日起3个工作日。']],
        ['其他补充事宜', others(input)],
        ['凡对本次采购提出询问，请按以下方式联系', contacts(input)],
      ]),
    ].join('\n'),
  };
}

function correctionNotice(input: NoticeInput, c: CorrectionFacts): NoticeText {
  const deadlineLabel = isTender(input) ? '提交投标文件截止时间' : '提交响应文件截止时间';
  const info = [`更正事项：采购公告、${DOCUMENT_NAME[input.project.method]}`, `更正内容：${c.content}`];
  if (c.newDeadline) {
    info.push(
      `更正后的${deadlineLabel}：${formatInstant(c.newDeadline)}（原${deadlineLabel}：${instant(c.previousDeadline)}），开启时间同步顺延，地点不变。`,
    );
  } else if (c.previousDeadline) {
    info.push(`${deadlineLabel}不变，仍为${formatInstant(c.previousDeadline)}。`);
  }
  if (c.correctedOn) info.push(`更正日期：${formatDay(c.correctedOn)}`);
  return {
    title: `${input.project.name}更正公告`,
    body: sections([
      [
        '项目基本情况',
        [
          `原公告的采购项目编号：${input.project.code}`,
          `原公告的采购项目名称：${input.project.name}`,
          `首次公告日期：${formatDay(c.originalPublishedOn)}`,
        ],
      ],
      ['更正信息', info],
      [
        '其他补充事宜',
        [
          `本更正公告是${DOCUMENT_NAME[input.project.method]}的组成部分，对所有潜在供应商具有约束力；已获取采购文件的供应商请登录本平台查阅更正后的文件。`,
        ],
      ],
      ['凡对本次公告内容提出询问，请按以下方式联系', contacts(input)],
    ]),
  };
}

function terminationNotice(input: NoticeInput, reason: string): NoticeText {
  return {
    title: `${input.project.name}终止公告`,
    body: sections([
      ['项目基本情况', [`采购项目编号：${input.project.code}`, `采购项目名称：${input.project.name}`]],
      ['项目终止的原因', [reason]],
      [
        '其他补充事宜',
        [
          '已收取的投标（响应）保证金及其在银行产生的孳息，将在终止采购活动后5个工作日内退还（《政府采购货物和服务招标投标管理办法》第二十九条）。',
        ],
      ],
      ['凡对本次公告内容提出询问，请按以下方式联系', contacts(input)],
    ]),
  };
}

function missing(what: string): AppError {
  return new AppError(422, 'NOTICE_INPUT_INCOMPLETE', `生成${what}需要提供相应内容`);
}

export function noticeText(kind: NoticeKind, input: NoticeInput): NoticeText {
  switch (kind) {
    case 'tender':
      return tenderNotice(input);
    case 'prequalification':
      return prequalificationNotice(input);
    case 'invitation':
      return invitationNotice(input);
    case 'correction':
      if (!input.correction) throw missing('更正公告的更正内容');
      return correctionNotice(input, input.correction);
    case 'termination':
      if (!input.termination) throw missing('终止公告的终止原因');
      return terminationNotice(input, input.termination.reason);
  }
}
