import type { ContractState } from '../contract.state';
import { type Fraction, formatAmount, roundHalfUpToFen } from '../money/money';
import { exactPenaltyTotal, thresholdAmount } from '../penalties/penalty-amounts';
import { PARTIES, type Party } from '../terms/contract-terms';
import { percentOf, reachesShare } from './exact-share';
import { byContractNo, contractRef, type ContractPosition, type ContractRef, positionsAt, type PortfolioQuery, reportInstant } from './portfolio-position';

// 5.1 "违约金额超过合同总金额的20％时合同即告终止": finance and legal want to see a contract coming
// before it ends, so a party is listed once its accrued penalties reach 75 % of the threshold.
// Judged on accrued alone (settlements never move the threshold), on exact fractions.

export const WATCH_SHARE: Fraction = { numerator: 75n, denominator: 100n };

export interface TerminationRiskRow extends ContractRef {
  party: Party;
  partyName: string;
  lateDays: number;
  accrued: string;
  /** accrued − waived − settled: what finance can still collect or owes. */
  outstanding: string;
  threshold: string;
  /** Accrued as a percentage of the threshold, two decimals, rounded down. */
  shareOfThreshold: string;
  /** More late days at the daily rate before the total EXCEEDS the threshold; null once terminated. */
  lateDaysToTermination: number | null;
  termination: { by: string; party: Party | null; at: string } | null;
}

export interface TerminationRiskReport {
  asOf: string;
  watchShare: string;
  /** In force (or expired but still accruing), at or past the watch share, highest share first. */
  approaching: TerminationRiskRow[];
  /** Already terminated: the party that crossed, and any other party past the watch share. */
  terminated: TerminationRiskRow[];
}

export function terminationRisk(states: readonly ContractState[], query: PortfolioQuery): TerminationRiskReport {
  const rows = positionsAt(states, query).flatMap((position) => PARTIES.flatMap((party) => riskOf(position, party)));
  return {
    asOf: reportInstant(query.asOf),
    watchShare: percentOf(WATCH_SHARE, { numerator: 1n, denominator: 1n }),
    approaching: rows.filter((r) => !r.termination).sort(byShare),
    terminated: rows.filter((r) => r.termination).sort(byShare),
  };
}

const hundredths = (share: string) => BigInt(share.replace('.', ''));
const byShare = (a: TerminationRiskRow, b: TerminationRiskRow) => {
  const diff = hundredths(b.shareOfThreshold) - hundredths(a.shareOfThreshold);
  return diff > 0n ? 1 : diff < 0n ? -1 : byContractNo(a, b) || (a.party < b.party ? -1 : 1);
};

function riskOf(position: ContractPosition, party: Party): TerminationRiskRow[] {
  const { state, view } = position;
  const threshold = thresholdAmount(state);
  if (threshold.numerator === 0n) return [];
  const lateDays = state.penaltyDays[party];
  const accrued = exactPenaltyTotal(state, lateDays);
  const crossedIt = state.termination?.by === 'penalty-threshold' && state.termination.party === party;
  if (!crossedIt && !reachesShare(accrued, threshold, WATCH_SHARE)) return [];
  return [
    {
      ...contractRef(position),
      party,
      partyName: view.parties[party],
      lateDays,
      accrued: formatAmount(state.penaltyTotals[party]),
      outstanding: formatAmount(position.balance[party].outstanding),
      threshold: formatAmount(roundHalfUpToFen(threshold)),
      shareOfThreshold: percentOf(accrued, threshold),
      lateDaysToTermination: state.termination ? null : lateDaysToTermination(state, lateDays),
      termination: view.termination && { by: view.termination.by, party: view.termination.party, at: view.termination.at },
    },
  ];
}

/**
 * Day k costs k × rate × amount in total; the contract ends on the first k whose total is MORE
 * than threshold × amount, i.e. k = ⌊threshold / rate⌋ + 1 (the amount cancels out).
 */
export function lateDaysToTermination(state: Pick<ContractState, 'dailyRate' | 'threshold'>, lateDays: number): number | null {
  const { dailyRate: rate, threshold } = state;
  if (rate.numerator === 0n) return null; // nothing accrues: the threshold can never be passed
  const terminatingDay = (threshold.numerator * rate.denominator) / (threshold.denominator * rate.numerator) + 1n;
  const toGo = terminatingDay - BigInt(lateDays);
  return Number(toGo > 0n ? toGo : 0n);
}
