/**
 * Texts of the 中标（成交）结果公告 (条例43; 87号令 第六十九条 ⚠️: the winner, its address, the amount, the main
 * subject, the committee's names, the notice period) and of the 废标公告 (法36; 87号令 第二十九条 ⚠️).
 */
import type { loadProject } from '../../tendering/index.ts';
import { rmbCapitals } from '../rules/capitals.ts';
import { yuanText } from '../rules/contract-terms.ts';
import type { awards } from '../tables.ts';
import { winWord } from './letters.ts';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadProject>>>;
type AwardRow = typeof awards.$inferSelect;

const purchasersOf = (l: Loaded) => [...new Set(l.shares.map((s) => s.purchaserName))].join('、');

export function resultNoticeText(
  l: Loaded,
  confirmed: readonly AwardRow[],
  all: readonly AwardRow[],
  committee: readonly { name: string; role: string; chair: boolean }[],
  today: string,
): { title: string; body: string } {
  const word = winWord(l.row.method);
  const lines = [
    `一、项目编号：${l.row.code}`,
    `二、项目名称：${l.row.name}`,
    `三、${word}信息：`,
    ...l.lots.flatMap((lot) => {
      const c = confirmed.find((r) => r.lotNo === lot.no);
      const winner = c?.candidates.find((x) => x.bidId === c.winnerBidId);
      if (c && winner && c.amountFen !== null) {
        return [
          `  第${lot.no}包「${lot.name}」：${word}供应商 ${winner.supplierName}，${word}金额 ￥${yuanText(c.amountFen)}元（${rmbCapitals(c.amountFen)}）${c.deemed ? '（采购人逾期未确定，依法视为确定排名第一的候选人）' : ''}`,
        ];
      }
      const f = all.find((r) => r.lotNo === lot.no && r.status === 'failed');
      return f ? [`  第${lot.no}包「${lot.name}」：废标，原因：${f.failedReason ?? ''}`] : [];
    }),
    `四、评审专家（评标委员会）名单：${committee.map((m) => `${m.name}${m.chair ? '（组长）' : ''}`).join('、') || '见评审报告'}`,
    `五、采购人：${purchasersOf(l)}`,
    `六、公告期限：自本公告发布之日起1个工作日（${today} 发布）。`,
    `七、其他：供应商认为采购过程或${word}结果使自己的权益受到损害的，可以在本公告期限届满之日起7个工作日内，以书面形式向采购人或采购代理机构提出质疑（政府采购法第五十二条；政府采购法实施条例第五十三条）。`,
  ];
  return { title: `${l.row.name}${word}结果公告`, body: lines.join('\n') };
}

export function failureNoticeText(
  l: Loaded,
  lots: readonly { lotNo: number; reason: string }[],
  today: string,
): { title: string; body: string } {
  const lines = [
    `一、项目编号：${l.row.code}`,
    `二、项目名称：${l.row.name}`,
    `三、废标（流标）情况：`,
    ...l.lots.map((lot) => {
      const f = lots.find((x) => x.lotNo === lot.no);
      return `  第${lot.no}包「${lot.name}」：${f?.reason || '未能产生中标（成交）供应商'}`;
    }),
    `四、采购人：${purchasersOf(l)}`,
    `五、废标后，除采购任务取消情形外，应当重新组织采购；需要采取其他方式采购的，应当在采购活动开始前获得设区的市、自治州以上人民政府采购监督管理部门批准（政府采购法第三十六条、第三十七条）。`,
    `六、投标保证金将自本公告发布之日起5个工作日内退还（政府采购法实施条例第三十三条；87号令第二十九条）。`,
    `（${today} 发布）`,
  ];
  return { title: `${l.row.name}废标公告`, body: lines.join('\n') };
}
