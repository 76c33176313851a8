// The clause every ledger line rests on, quoted from the seed contracts (both word it alike), so a
// receipt can be read without the contract at hand.

export const PENALTY_CLAUSE = {
  number: '5.1',
  text:
    '合同执行过程中一方违反合同，另一方有权要求违约方立即停止违约行为并负违约责任。如甲方不能按本合同的规定向乙方付款，每逾期一天，' +
    '甲方按合同额的0.1%向乙方支付违约金。如乙方不能按本合同的规定履行维保服务，每逾期一天，乙方按合同额的0.1%向买方支付违约金。' +
    '违约金额超过合同总金额的20％时合同即告终止。',
} as const;

/** Why the lines of one party always add up to its rounded exact total (see penalty-amounts.ts). */
export const ROUNDING_RULE =
  "Totals are exact (contract amount × daily rate × the party's late days) and rounded half-up to the fen " +
  'only as totals; each line is round-half-up(total after the line) − round-half-up(total before it), ' +
  "so the lines always sum to the party's rounded exact total.";
