/**
 * 合理定价评审抽签法 (reasonable fixed price + lottery; RULES.md §10.3; seeds/000, an 敖汉旗 centre's report, 敖政办发
 * 78号): the centre and cost engineers analyse the 财政评审价 (the finance department's reviewed budget), fix a
 * 下浮比例 (float-down rate), and announce 定标价 = 财政评审价 × (1 − 下浮比例) to every bidder; bidders accepting it
 * pass the pass/fail review, and the winner is drawn by lot among them.
 *
 * No national source: this is a local method. It stays lawful only as 87号令 第五十五条's fixed-price case (price
 * is then no scoring factor) plus 第六十八条's tie rule (ties drawn at random), with at least three qualified
 * bidders (87号令 第四十四条). The draw itself belongs to the verifiable-draw module.
 *
 * The 定标价 itself is the documents' (src/modules/tendering/rules/lottery.ts); here, the quorum for the draw.
 */

/** At least three qualified bidders before any draw (87号令 第四十四条; RULES.md §10.3). */
export const MIN_QUALIFIED_FOR_LOTTERY = 3;

/** Whether enough bidders qualified for the draw; the message explains when not. */
export function lotteryQuorum(qualified: number): { ok: boolean; message?: string } {
  if (qualified >= MIN_QUALIFIED_FOR_LOTTERY) return { ok: true };
  return {
    ok: false,
    message: `通过资格审查和符合性审查的投标人仅 ${qualified} 家，不足 ${MIN_QUALIFIED_FOR_LOTTERY} 家，不得抽签确定中标人（87号令第四十四条）`,
  };
}
