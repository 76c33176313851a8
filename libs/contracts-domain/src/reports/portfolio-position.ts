import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { type ContractState, evolve } from '../contract.state';
import { type ContractView, toContractView } from '../contract.view';
import { penaltyBalance, type PenaltyBalance } from '../penalties/penalty-balances';
import { bringUpToDate } from '../penalties/accrual';
import { Temporal } from '../temporal';
import { DEFAULT_TIME_ZONE, type Party } from '../terms/contract-terms';
import { formatInstant, instantOf } from '../time';

// Every portfolio report starts here. The states come in folded as of `asOf` (business time);
// the ledger in them is only what the accrual runs happened to record. A report must not depend
// on when the scheduler last ran, so each contract is first brought up to asOf in memory, exactly
// as an accrual would (the same pure bringUpToDate), and nothing is appended.

export interface PortfolioQuery {
  asOf: Temporal.Instant;
  /** The calendar each contract recorded (calendarOf(catalog, state.calendarVersion)). */
  calendarFor: (state: ContractState) => WorkingDayCalendar;
}

export interface ContractPosition {
  /** The contract with every late day started by asOf accrued (and a crossing of 5.1 applied). */
  state: ContractState;
  /** Its obligations with their status at asOf, as GET /contracts/{id} shows them. */
  view: ContractView;
  balance: Record<Party, PenaltyBalance>;
}

/** How each row names its contract. */
export interface ContractRef {
  contractId: string;
  contractNo: string;
  product: string;
  status: ContractView['status'];
}

export function positionsAt(states: readonly ContractState[], query: PortfolioQuery): ContractPosition[] {
  // foldContractAsOf keeps the terms of a contract drafted later; it was not in the portfolio yet.
  const drafted = states.filter((s) => Temporal.Instant.compare(instantOf(s.draftedAt), query.asOf) <= 0);
  return drafted.map((raw) => {
    const calendar = query.calendarFor(raw);
    const state = evolve(raw, bringUpToDate(raw, query.asOf, calendar))!;
    // The view's revision is the stream's, which a report neither knows nor shows.
    const view = toContractView(state, { revision: 0, asOf: query.asOf, calendar });
    return { state, view, balance: { customer: penaltyBalance(state, 'customer'), vendor: penaltyBalance(state, 'vendor') } };
  });
}

export const contractRef = ({ view }: ContractPosition): ContractRef => ({
  contractId: view.id,
  contractNo: view.contractNo,
  product: view.product,
  status: view.status,
});

/** The report's own asOf, in the zone the seed contracts (and most readers) use. */
export const reportInstant = (asOf: Temporal.Instant) => formatInstant(asOf, DEFAULT_TIME_ZONE);

export const byContractNo = (a: { contractNo: string }, b: { contractNo: string }) => (a.contractNo < b.contractNo ? -1 : a.contractNo > b.contractNo ? 1 : 0);
