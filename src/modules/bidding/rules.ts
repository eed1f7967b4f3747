/**
 * Whether a lot is opened, and what the purchaser may do next when it is not (RULES.md §4.4).
 *
 * - 87号令 第四十一条; 招标投标法实施条例 第四十四条: fewer than three bids are not opened.
 * - 政府采购法 第三十六条: fewer than three responsive suppliers → 废标, every bidder told.
 * - 87号令 第四十三条: after a failed open tender, documents with unreasonable terms are fixed and the tender run
 *   again; otherwise the purchaser may apply to the finance department to change the method.
 * - 74号令 (竞争性谈判): a tender that drew only two bidders may, with the finance department's approval,
 *   continue as a negotiation with those two.
 * - 政府采购法 第三十八条、第四十条; 74号令: 谈判 and 询价 need at least three suppliers; fewer → terminate.
 * - 214号 第二十一条第三款; 财库〔2015〕124号: 磋商 may go on with two suppliers for research with thin competition
 *   or 政府购买服务 — never with one.
 */
import type { z } from 'zod';
import type { method as methodEnum } from '../tendering/contract.ts';

type Method = z.infer<typeof methodEnum>;

/** 87号令 第四十一条: the fewest bids a lot is opened with. */
export const MIN_BIDS_TO_OPEN = 3;

export interface NextStep {
  code:
    'RETENDER' | 'FIX_AND_RETENDER' | 'CHANGE_METHOD' | 'NEGOTIATE_WITH_TWO' | 'CONSULT_WITH_TWO' | 'RESTART';
  text: string;
}

export interface OpeningQuorum {
  open: boolean;
  /** Why the lot is not opened, with its source; null when it is. */
  ground: string | null;
  nextSteps: NextStep[];
}

const tender = (m: Method) => m === 'openTender' || m === 'invitedTender';

/** The opening rule for one lot: its method and the number of bids received by the deadline. */
export function openingQuorum(o: { method: Method; bids: number }): OpeningQuorum {
  if (!Number.isInteger(o.bids) || o.bids < 0) throw new RangeError('bids must be a non-negative integer');
  if (o.bids >= MIN_BIDS_TO_OPEN) return { open: true, ground: null, nextSteps: [] };
  const ground =
    o.bids === 0
      ? '投标截止时无人递交投标文件，不予开标（政府采购法第三十六条）。'
      : `递交投标文件的供应商只有 ${o.bids} 家，不足三家，依法不予开标（《政府采购货物和服务招标投标管理办法》第四十一条）。`;
  const steps: NextStep[] = [];
  if (tender(o.method)) {
    steps.push({
      code: 'FIX_AND_RETENDER',
      text: '招标文件存在不合理条款或招标程序不符合规定的，修改招标文件后重新招标（87号令第四十三条）。',
    });
    steps.push({
      code: 'CHANGE_METHOD',
      text: '招标文件没有不合理条款、招标程序符合规定的，可报财政部门批准后改用竞争性谈判、竞争性磋商或单一来源方式采购（87号令第四十三条）。',
    });
    if (o.bids === 2)
      steps.push({
        code: 'NEGOTIATE_WITH_TWO',
        text: '只有两家供应商投标的，经本级财政部门批准，可以与该两家供应商进行竞争性谈判（74号令）。',
      });
  } else if (o.method === 'consultation') {
    if (o.bids === 2)
      steps.push({
        code: 'CONSULT_WITH_TWO',
        text: '市场竞争不充分的科研项目、需要扶持的科技成果转化项目或政府购买服务项目，符合要求的供应商只有两家的，可以继续磋商（214号第二十一条；财库〔2015〕124号）。',
      });
    steps.push({
      code: 'RESTART',
      text: '否则终止竞争性磋商，发布终止公告，重新组织采购（214号）。',
    });
  } else {
    steps.push({
      code: 'RESTART',
      text: '供应商不足三家，终止采购活动，发布终止公告后重新组织采购或依法变更采购方式（政府采购法第三十八条、第四十条；74号令）。',
    });
  }
  return { open: false, ground, nextSteps: steps };
}
