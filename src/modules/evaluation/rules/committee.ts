/**
 * The evaluation committee (评标委员会 / 谈判·磋商·询价小组; RULES.md §3): how many members the law requires for
 * the method and the project, whether a legal expert must sit, what is wrong with a proposed list of seats, and
 * the earliest day experts may be drawn electronically.
 *
 * Sources: 政府采购法 第三十八条、第四十条; 87号令 第四十七条; 74号令 第七条、第四十一条; 214号 第十四条;
 * 招标投标法 第三十七条; 招标投标法实施条例 第四十六条; 198号 (评审专家管理办法); 财库〔2012〕69号.
 * Article numbers of the MOF rules are as RULES.md gives them (⚠️ not checked against the official text).
 * "以上" includes the figure itself (87号令 第八十五条): a budget of exactly 1000万 needs 7 members.
 */
import { isWorkingDay } from '../../../platform/calendar.ts';
import { isTender, METHOD_LABELS, type Category, type Method } from './types.ts';

/** 1000万元 in fen: the 87号令 第四十七条 figure for a 7-member committee. */
export const LARGE_PROJECT_FEN = 1_000_000_000n;

export interface CommitteeSizeInput {
  method: Method;
  category: Category;
  budgetFen: bigint;
  /**
   * 公开招标数额标准 of the project's level and category (for works: the 招标规模标准), resolved by the caller
   * from configuration — never a literal here.
   */
  openTenderThresholdFen: bigint;
  /** 技术复杂、专业性强 as the purchaser declares it. */
  complex: boolean;
  /** 社会影响较大 (87号令 第四十七条 第二款 third case). */
  highSocialImpact?: boolean;
  /** Works (or works-related goods) that must be tendered under the 招标投标法 (必须招标的工程项目规定). */
  mandatoryTender?: boolean;
}

export interface CommitteeRequirement {
  /** Minimum number of members; 0 = the method has no committee (单一来源). */
  min: number;
  odd: true;
  legalExpertRequired: boolean;
  /** The article(s) the requirement comes from, in Chinese. */
  basis: string;
}

/** The lawful minimum size of the committee for a method and project. */
export function requiredCommitteeSize(o: CommitteeSizeInput): CommitteeRequirement {
  const { method } = o;
  if (method === 'singleSource') {
    // 74号令 第四十一条: 单一来源 has no committee; "具有相关经验的专业人员" agree the price with the supplier.
    return {
      min: 0,
      odd: true,
      legalExpertRequired: false,
      basis:
        '单一来源采购不组建评审小组，由具有相关经验的专业人员与供应商商定合理的成交价格（74号令第四十一条）',
    };
  }
  if (isTender(method) && (o.category === 'works' || o.mandatoryTender === true)) {
    // 招标投标法 第三十七条: 依法必须进行招标的项目，评标委员会…成员人数为五人以上单数，专家不得少于三分之二.
    return {
      min: 5,
      odd: true,
      legalExpertRequired: false,
      basis:
        '评标委员会成员为5人以上单数，技术、经济等方面的专家不得少于成员总数的三分之二（招标投标法第三十七条；招标投标法实施条例第四十六条）',
    };
  }
  if (isTender(method)) {
    // 87号令 第四十七条: 5人以上单数; 7人以上单数 when any one of: 预算1000万元以上 / 技术复杂 / 社会影响较大.
    const large = o.budgetFen >= LARGE_PROJECT_FEN;
    const seven = large || o.complex || o.highSocialImpact === true;
    const why = [large ? '采购预算金额在1000万元以上' : null, o.complex ? '技术复杂' : null]
      .concat(o.highSocialImpact === true ? ['社会影响较大'] : [])
      .filter((x): x is string => x !== null);
    return {
      min: seven ? 7 : 5,
      odd: true,
      legalExpertRequired: false,
      basis: seven
        ? `${why.join('、')}，评标委员会成员应为7人以上单数，评审专家不得少于成员总数的三分之二（87号令第四十七条）`
        : '评标委员会成员应为5人以上单数，评审专家不得少于成员总数的三分之二（87号令第四十七条）',
    };
  }
  if (method === 'negotiation' || method === 'rfq') {
    // 政府采购法 第三十八条、第四十条: 三人以上的单数; 74号令 第七条: 达到公开招标数额标准（工程：招标规模标准）的
    // 5人以上单数; 技术复杂、专业性强的竞争性谈判项目，评审专家中应当包含1名法律专家.
    const atThreshold = o.budgetFen >= o.openTenderThresholdFen;
    const legal = method === 'negotiation' && o.complex;
    const group = method === 'negotiation' ? '谈判小组' : '询价小组';
    return {
      min: atThreshold ? 5 : 3,
      odd: true,
      legalExpertRequired: legal,
      basis:
        (atThreshold
          ? `达到公开招标数额标准的项目，${group}应为5人以上单数（74号令第七条）`
          : `${group}应为3人以上单数（政府采购法第${method === 'negotiation' ? '三十八' : '四十'}条）`) +
        '，评审专家不得少于成员总数的三分之二' +
        (legal ? '；技术复杂、专业性强的竞争性谈判项目，评审专家中应当包含1名法律专家（74号令第七条）' : ''),
    };
  }
  // 214号 第十四条: 磋商小组由采购人代表和评审专家共3人以上单数组成，评审专家不得少于三分之二.
  return {
    min: 3,
    odd: true,
    legalExpertRequired: false,
    basis: '磋商小组应为3人以上单数，评审专家不得少于成员总数的三分之二（财库〔2014〕214号第十四条）',
  };
}

export interface CommitteeSeat {
  personId: string;
  kind: 'expert' | 'purchaserRep';
  chair: boolean;
  /** Works for the agency running this procurement. */
  agencyStaff: boolean;
  /** A finance department's procurement supervisor (监管人员). */
  financeSupervisor: boolean;
  /** Works for the purchaser of this project. */
  purchaserStaff: boolean;
  legalExpert: boolean;
}

export interface CommitteeProblem {
  code: string;
  message: string;
  /** The person the problem is about, when it is about one seat. */
  seat?: string;
}

/**
 * Everything wrong with a list of seats for the requirement; empty when lawful. A committee-less requirement
 * (min 0, 单一来源) checks only that nobody is listed twice.
 */
export function committeeProblems(
  required: CommitteeRequirement,
  seats: readonly CommitteeSeat[],
): CommitteeProblem[] {
  const out: CommitteeProblem[] = [];
  const seen = new Set<string>();
  for (const s of seats) {
    if (seen.has(s.personId)) {
      out.push({ code: 'DUPLICATE_PERSON', message: '同一人员在名单中出现多次', seat: s.personId });
    }
    seen.add(s.personId);
  }
  if (required.min === 0) return out;

  const total = seats.length;
  const experts = seats.filter((s) => s.kind === 'expert').length;
  if (total < required.min) {
    out.push({
      code: 'COMMITTEE_TOO_SMALL',
      message: `评审委员会（小组）现有 ${total} 人，少于法定最少人数 ${required.min} 人（${required.basis}）`,
    });
  }
  if (total % 2 === 0) {
    out.push({ code: 'COMMITTEE_EVEN', message: `评审委员会（小组）成员应为单数，现为 ${total} 人` });
  }
  // 87号令 第四十七条; 法38/40; 214号 第十四条: 评审专家不得少于成员总数的三分之二 — compared as 3·experts ≥ 2·total.
  if (total > 0 && 3 * experts < 2 * total) {
    out.push({
      code: 'EXPERTS_UNDER_TWO_THIRDS',
      message: `评审专家 ${experts} 人，不足成员总数 ${total} 人的三分之二`,
    });
  }
  const chairs = seats.filter((s) => s.chair);
  if (chairs.length === 0) {
    out.push({ code: 'NO_CHAIR', message: '评审委员会（小组）未确定组长' });
  } else if (chairs.length > 1) {
    out.push({
      code: 'SEVERAL_CHAIRS',
      message: `评审委员会（小组）只能有一名组长，现有 ${chairs.length} 名`,
    });
  }
  for (const s of seats) {
    if (s.chair && s.kind === 'purchaserRep') {
      // 财库〔2012〕69号: 采购人代表不得担任评审组长.
      out.push({
        code: 'PURCHASER_REP_CHAIR',
        message: '采购人代表不得担任评审委员会（小组）组长（财库〔2012〕69号）',
        seat: s.personId,
      });
    }
    if (s.agencyStaff) {
      // 87号令 第四十七条; 74号令 第七条; 214号 第十四条: 采购代理机构工作人员不得参加本机构代理项目的评审.
      out.push({
        code: 'AGENCY_STAFF_SEATED',
        message: '采购代理机构工作人员不得参加本机构代理的采购项目的评审（87号令第四十七条）',
        seat: s.personId,
      });
    }
    if (s.financeSupervisor) {
      // 198号: 各级财政部门政府采购监督管理工作人员，不得作为评审专家参与政府采购项目的评审活动.
      out.push({
        code: 'FINANCE_SUPERVISOR_SEATED',
        message: '财政部门政府采购监督管理工作人员不得参与政府采购项目的评审（财库〔2016〕198号）',
        seat: s.personId,
      });
    }
    if (s.purchaserStaff && s.kind === 'expert') {
      // 87号令 第四十七条; 214号 第十四条; 198号: 采购人不得以评审专家身份参加本部门或本单位采购项目的评审.
      out.push({
        code: 'PURCHASER_STAFF_AS_EXPERT',
        message: '采购人本单位人员只能以采购人代表身份参加本单位项目的评审，不得以评审专家身份参加',
        seat: s.personId,
      });
    }
  }
  if (required.legalExpertRequired && !seats.some((s) => s.kind === 'expert' && s.legalExpert)) {
    out.push({
      code: 'LEGAL_EXPERT_MISSING',
      message: '技术复杂、专业性强的竞争性谈判项目，评审专家中应当包含1名法律专家（74号令第七条）',
    });
  }
  return out;
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface DrawDayInput {
  reviewDay: string;
  method: Method;
  /** 异地评审 (remote review). */
  remote: boolean;
}

/**
 * The earliest day the electronic draw of experts may start, or null when no limit applies.
 *
 * 198号: 除采用竞争性谈判、竞争性磋商方式采购，以及异地评审的项目外，抽取评审专家的开始时间原则上不得早于评审活动开始前
 * 2个工作日. We read "评审活动开始前2个工作日" as the second working day counted backwards from the review day,
 * the review day itself not counted — so a draw on that day or any later day (holidays in between included) is
 * lawful, and at most two working days lie between the draw day (counted) and the review day (not counted).
 * Review Thu 2026-10-08 after 国庆 (10-01…10-07 off) → earliest draw Tue 2026-09-29.
 *
 * 单一来源 draws no experts, so no limit either. Days outside the published calendar throw CALENDAR_NOT_COVERED.
 */
export function earliestDrawDay(o: DrawDayInput): string | null {
  if (o.remote || o.method === 'negotiation' || o.method === 'consultation' || o.method === 'singleSource') {
    return null;
  }
  isWorkingDay(o.reviewDay); // refuses a review day in a year the calendar does not cover
  let day = o.reviewDay;
  let left = 2;
  while (left > 0) {
    day = previousDay(day);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** The draw label used in messages: "公开招标项目抽取评审专家不得早于 …". */
export function drawTooEarlyMessage(method: Method, earliest: string): string {
  return `${METHOD_LABELS[method]}项目抽取评审专家的开始时间不得早于 ${earliest}（评审活动开始前2个工作日，财库〔2016〕198号）`;
}
