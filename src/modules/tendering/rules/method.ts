/**
 * Choosing the procurement method (RULES.md §1): which methods the object and the budget allow, when a
 * method other than open tender needs the finance department's approval, and the 条例28 splitting check.
 * Pure: thresholds are passed in, resolved from configuration by the caller (never literals).
 */
import type { Category, Method } from '../requirements.ts';

export interface ThresholdFigure {
  amountFen: bigint;
  source: string;
}

export interface MethodInput {
  method: Method;
  category: Category;
  budgetFen: bigint;
  /** 公开招标数额标准 for this category, level and day; null when none is configured. */
  openTender: ThresholdFigure | null;
  /** 必须招标的工程项目规定 第五条 figure for works; null when none is configured. */
  worksMandatoryTender: ThresholdFigure | null;
  methodReason: string | null;
}

export interface MethodProblem {
  code: string;
  article: string;
  message: string;
}

export interface MethodOutcome {
  reachesOpenTender: boolean;
  /** A method other than open tender at or above the threshold: approval first (法27; 条例23). */
  requiresApproval: boolean;
  /** Problems no approval cures; publication is refused while any remains. */
  problems: MethodProblem[];
}

export const METHOD_LABELS: Record<Method, string> = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  negotiation: '竞争性谈判',
  consultation: '竞争性磋商',
  rfq: '询价',
  singleSource: '单一来源',
};

const TENDERS: readonly Method[] = ['openTender', 'invitedTender'];

/** 以上 includes the figure itself (87号令 第八十五条): a budget equal to the threshold reaches it. */
const atLeast = (budget: bigint, t: ThresholdFigure | null): boolean => t !== null && budget >= t.amountFen;

export function checkMethod(input: MethodInput): MethodOutcome {
  const { method, category, budgetFen } = input;
  const problems: MethodProblem[] = [];

  // 询价 is for goods with standard specifications only (政府采购法 第三十二条; 74号令 第三条).
  if (method === 'rfq' && category !== 'goods') {
    problems.push({
      code: 'RFQ_GOODS_ONLY',
      article: '政府采购法 第三十二条；财政部令第74号 第三条',
      message: '询价只适用于规格、标准统一、现货货源充足且价格变化幅度小的货物，工程和服务不得采用询价',
    });
  }

  if (category === 'works') {
    // Works that must be tendered are tendered under the 招标投标法 (条例7); the others use 谈判, 磋商 or 单一来源 (条例25).
    const mustTender = atLeast(budgetFen, input.worksMandatoryTender);
    if (input.worksMandatoryTender === null) {
      problems.push({
        code: 'THRESHOLD_NOT_CONFIGURED',
        article: '必须招标的工程项目规定 第五条',
        message: '未配置本地区工程必须招标的数额标准，无法判定采购方式，请先在采购标准中配置',
      });
    } else if (mustTender && !TENDERS.includes(method)) {
      problems.push({
        code: 'WORKS_MUST_TENDER',
        article: '政府采购法实施条例 第七条；必须招标的工程项目规定 第五条',
        message: `工程预算达到必须招标的数额标准（${input.worksMandatoryTender.source}），应当依照招标投标法公开招标或邀请招标`,
      });
    } else if (!mustTender && method === 'invitedTender') {
      // nothing: invited tender below the figure is lawful when its 法29 conditions hold (reason required below).
    }
  }

  const reachesOpenTender = category !== 'works' && atLeast(budgetFen, input.openTender);
  if (category !== 'works' && input.openTender === null) {
    problems.push({
      code: 'THRESHOLD_NOT_CONFIGURED',
      article: '政府采购法 第二十七条；政府采购法实施条例 第五条',
      message: '未配置本地区的公开招标数额标准，无法判定采购方式，请先在采购标准中配置',
    });
  }
  const requiresApproval = reachesOpenTender && method !== 'openTender';

  // The grounds of a method other than open tender are recorded (法29–32; 条例23–27; 214号 第三条).
  if (method !== 'openTender' && !(input.methodReason && input.methodReason.trim().length >= 4)) {
    problems.push({
      code: 'METHOD_REASON_MISSING',
      article: '政府采购法 第二十九条至第三十一条；政府采购法实施条例 第二十三条',
      message: `采用${METHOD_LABELS[method]}须写明适用的法定情形`,
    });
  }
  return { reachesOpenTender, requiresApproval, problems };
}

export interface SplittingPurchase {
  code: string;
  name: string;
  method: Method;
  /** This purchase's budget for the 品目 in question. */
  budgetFen: bigint;
}

export interface SplittingWarning {
  itemCode: string;
  totalFen: bigint;
  purchases: SplittingPurchase[];
  message: string;
}

/**
 * 化整为零 (政府采购法实施条例 第二十八条; 法28): within one budget year, the same 品目 bought several times by
 * methods other than open tender whose cumulative amount exceeds the open-tender threshold. `earlier` are this
 * year's other live projects of the item; the current one is `current`. Approved alternative methods are the
 * statute's exception, so approved purchases are left out by the caller.
 */
export function splittingWarning(
  itemCode: string,
  current: SplittingPurchase,
  earlier: readonly SplittingPurchase[],
  openTender: ThresholdFigure | null,
): SplittingWarning | null {
  if (openTender === null || current.method === 'openTender') return null;
  const nonOpen = earlier.filter((p) => p.method !== 'openTender');
  if (nonOpen.length === 0) return null;
  const purchases = [...nonOpen, current];
  const totalFen = purchases.reduce((sum, p) => sum + p.budgetFen, 0n);
  // 条例28: "累计资金数额超过公开招标数额标准" — strictly more than.
  if (totalFen <= openTender.amountFen) return null;
  return {
    itemCode,
    totalFen,
    purchases,
    message: `本年度品目 ${itemCode} 以非公开招标方式采购 ${purchases.length} 次，累计预算超过公开招标数额标准（${openTender.source}），可能属于化整为零规避公开招标（政府采购法实施条例第二十八条）`,
  };
}

export interface LotFigures {
  no: number;
  budgetFen: bigint;
  ceilingFen: bigint | null;
}

/**
 * Lots against the plan-line shares that fund them (政府采购法 第六条: no purchase beyond its budget). A share
 * tied to a lot funds that lot; an untied share funds the project as a whole. Together the lots may not exceed
 * the shares; a lot with tied shares only and no untied money may not exceed its own.
 */
export function lotProblems(
  lots: readonly LotFigures[],
  shares: readonly { lotNo: number | null; amountFen: bigint }[],
): { code: string; path: string; message: string }[] {
  const out: { code: string; path: string; message: string }[] = [];
  const untied = shares.filter((s) => s.lotNo === null).reduce((sum, s) => sum + s.amountFen, 0n);
  lots.forEach((lot, i) => {
    if (lot.ceilingFen !== null && lot.ceilingFen > lot.budgetFen) {
      out.push({
        code: 'CEILING_OVER_BUDGET',
        path: `lots.${i}.ceilingFen`,
        message: `第 ${lot.no} 包最高限价不得超过本包预算（87号令第十二条）`,
      });
    }
    const tied = shares.filter((s) => s.lotNo === lot.no).reduce((sum, s) => sum + s.amountFen, 0n);
    if (untied > 0n) return;
    if (tied === 0n) {
      out.push({
        code: 'LOT_WITHOUT_SHARE',
        path: `lots.${i}`,
        message: `第 ${lot.no} 包没有对应的采购计划份额`,
      });
    } else if (lot.budgetFen > tied) {
      out.push({
        code: 'LOT_OVER_PLAN',
        path: `lots.${i}.budgetFen`,
        message: `第 ${lot.no} 包预算超过其采购计划份额合计，不得超预算采购（政府采购法第六条）`,
      });
    }
  });
  const lotsTotal = lots.reduce((sum, l) => sum + l.budgetFen, 0n);
  const sharesTotal = shares.reduce((sum, s) => sum + s.amountFen, 0n);
  if (untied > 0n && lotsTotal > sharesTotal) {
    out.push({
      code: 'LOT_OVER_PLAN',
      path: 'lots',
      message: '各包预算合计超过所含采购计划金额合计，不得超预算采购（政府采购法第六条）',
    });
  }
  shares.forEach((s, i) => {
    if (s.lotNo !== null && !lots.some((l) => l.no === s.lotNo)) {
      out.push({ code: 'SHARE_LOT_UNKNOWN', path: `shares.${i}.lotNo`, message: `不存在第 ${s.lotNo} 包` });
    }
  });
  return out;
}
