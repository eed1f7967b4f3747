/**
 * Whether evaluation may go on with the number of qualified bidders (RULES.md §4.4), and what to do when it may
 * not. Sources: 政府采购法 第三十六条 (废标: 符合专业条件的供应商或者对招标文件作实质响应的供应商不足三家的), 第三十七条
 * (废标后重新招标，或经批准采取其他方式); 87号令 第四十四条 (资格审查合格的投标人不足3家的，不得评标); 74号令
 * (公开招标只有两家时经本级财政部门批准可与该两家竞争性谈判; 谈判/询价不足3家终止); 214号 第二十一条 第三款 (科研、科技
 * 成果转化项目可为2家); 财库〔2015〕124号 (政府购买服务项目可为2家); 46号 (专门面向中小企业的采购包不足3家的，终止并
 * 转为非预留重新采购). Article numbers of the MOF rules ⚠️ as in RULES.md.
 */
import { isTender, METHOD_LABELS, type Category, type Method } from './types.ts';

export const MIN_QUALIFIED = 3;

export interface QuorumInput {
  method: Method;
  /** Bidders that passed the qualification (and, for the non-tender methods, the compliance) check. */
  qualified: number;
  category: Category;
  /** 磋商 only: the 214号 第二十一条 research/tech-transfer case, or the 124号 government-purchased service. */
  consultationException?: 'research' | 'purchaseOfServices' | null;
  /** The package is reserved for SMEs (专门面向中小企业). */
  smeReserved: boolean;
}

export interface QuorumOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  nextSteps?: string[];
}

export function evaluationQuorum(o: QuorumInput): QuorumOutcome {
  const { method, qualified } = o;
  if (!Number.isInteger(qualified) || qualified < 0) throw new RangeError(`qualified: ${qualified}`);
  const label = METHOD_LABELS[method];

  if (method === 'singleSource') {
    // 单一来源 negotiates with its one supplier (法31); it fails only if that supplier does not qualify.
    return qualified >= 1
      ? { ok: true }
      : {
          ok: false,
          code: 'NO_QUALIFIED_SUPPLIER',
          message: '单一来源采购的供应商未通过资格审查，采购活动终止',
          nextSteps: ['终止本次采购活动', '重新论证采购方式后重新组织采购'],
        };
  }

  if (o.smeReserved && qualified < MIN_QUALIFIED) {
    return {
      ok: false,
      code: 'SME_RESERVED_TOO_FEW',
      message: `专门面向中小企业的采购包通过资格审查的中小企业仅 ${qualified} 家，不足3家，应当终止采购活动（财库〔2020〕46号）`,
      nextSteps: ['终止本包采购活动', '将该采购包调整为非专门面向中小企业采购后重新组织采购'],
    };
  }

  if (qualified >= MIN_QUALIFIED) return { ok: true };

  if (method === 'consultation') {
    const exception = o.consultationException ?? null;
    if (qualified === 2 && exception !== null) {
      // 214号 第二十一条 第三款; 财库〔2015〕124号. Never with one.
      return { ok: true };
    }
    return {
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      message:
        `竞争性磋商符合要求的供应商仅 ${qualified} 家，不足3家` +
        (qualified === 2
          ? '，且不属于可以为2家的情形（财库〔2014〕214号第二十一条；财库〔2015〕124号）'
          : '') +
        '，应当终止竞争性磋商采购活动',
      nextSteps: [
        '终止本次竞争性磋商采购活动，发布项目终止公告并说明原因',
        '重新开展采购活动；采购文件存在不合理条款的，修改后重新采购',
      ],
    };
  }

  if (method === 'negotiation' || method === 'rfq') {
    return {
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      message: `${label}符合条件的供应商仅 ${qualified} 家，不足3家，应当终止${label}采购活动（政府采购法第三十八条、第四十条；财政部令第74号）`,
      nextSteps: [`终止本次${label}采购活动，发布项目终止公告并说明原因`, '重新开展采购活动'],
    };
  }

  // Tenders: 87号令 第四十四条 — do not evaluate; 废标 (法36), then 法37's remedies.
  const steps: string[] = ['宣布废标，将废标理由通知所有投标人（政府采购法第三十六条、第三十七条）'];
  if (o.category === 'works') {
    steps.push('依照招标投标法及其实施条例重新招标');
  } else {
    steps.push('招标文件存在不合理条款或者招标程序不符合规定的，修改招标文件后重新招标');
    if (qualified === 2) {
      steps.push('经本级财政部门批准，可以与该两家供应商进行竞争性谈判采购（财政部令第74号）');
    }
    steps.push('招标文件没有不合理条款、程序符合规定的，经设区的市级以上财政部门批准，可以采取其他采购方式');
  }
  return {
    ok: false,
    code: 'TOO_FEW_QUALIFIED',
    message: `${isTender(method) ? label : '招标'}项目资格审查合格的投标人仅 ${qualified} 家，不足3家，不得评标（87号令第四十四条）`,
    nextSteps: steps,
  };
}
