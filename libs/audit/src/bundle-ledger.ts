import { type ContractEvent, FIRST_CALENDAR_VERSION, foldContract, formatAmount, PARTIES, penaltyBalance } from '@app/contracts-domain';
import type { BundledLedger } from './audit-bundle';

// The ledger as the recorded events give it (no accrual up to "now": a bundle states what was
// recorded, so the same events always give the same ledger, on export and on verification).

export function ledgerOf(events: readonly ContractEvent[]): BundledLedger {
  const state = foldContract(events);
  if (!state) return { calendarVersion: FIRST_CALENDAR_VERSION, parties: {} };
  const parties = Object.fromEntries(
    PARTIES.map((party) => {
      const balance = penaltyBalance(state, party);
      return [
        party,
        {
          accrued: formatAmount(balance.accrued),
          waived: formatAmount(balance.waived),
          settled: formatAmount(balance.settled),
          outstanding: formatAmount(balance.outstanding),
          lateDays: state.penaltyDays[party],
        },
      ];
    }),
  );
  return { calendarVersion: state.calendarVersion, parties };
}
