// The one way into the contracts domain: pure functions and data, no framework, no I/O, no clock.
export { Temporal } from './temporal';
export * from './errors';
export * from './money/money';
export * from './time';
export * from './terms/contract-terms';
export { SLA_PRESETS, slaPreset } from './terms/sla-presets';
export { validateTerms } from './terms/validate-terms';
export * from './contract.events';
export type { SourcedEvent } from './sourced-event';
export * from './contract.commands';
export { type ContractState, type ContractStatus, CONTRACT_STATUSES, contractStatus, foldContract, foldContractAsOf, evolve, paidFen } from './contract.state';
export { penaltyBalance, type PenaltyBalance } from './penalties/penalty-balances';
export { explainPenalties } from './penalties/receipts';
export { penaltyLedger, type PenaltyLedger, type PartyLedger } from './penalties/penalty-ledger';
export type * from './penalties/receipt-types';
export { PENALTY_RECEIPT_FORMAT } from './penalties/receipt-types';
export { buildCalendarCatalog, type CalendarCatalog, calendarOf, chinaCalendarCatalog, FIRST_CALENDAR_VERSION } from './calendar/calendar-catalog';
export { parseYearFile } from './calendar/year-file';
export { describeCalendarYear, type CalendarYear } from './calendar/calendar-year';
export type { YearData, HolidayBlock, HolidayNotice, AdjustedWorkingDay } from './calendar/holiday-data';
export { decide, parseAccrualAsOf, type DecideContext } from './contract.decide';
export { bringUpToDate } from './penalties/accrual';
export { deriveObligations, type Obligation, type ObligationKind, serviceTermDates } from './obligations/obligations';
export { paymentTimeline, PAYMENT_TIMELINE_STATUSES, type PaymentTimeline, type PaymentTimelineStatus, type PaymentTrigger, type TimelinePayment, type TimelineLateDay } from './finance/payment-timeline';
export type { DerivationDay } from './finance/due-date-derivation';
export { toContractView, type ContractView, type ObligationView, type ObligationStatus, type PenaltyBalanceView } from './contract.view';
export {
  addWorkingDays,
  buildWorkingDayCalendar,
  CalendarDataError,
  type WorkingDaySum,
  chinaWorkingDayCalendar,
  type CalendarDay,
  type WorkingDayCalendar,
} from './calendar/working-day-calendar';
export { addServiceHours, DEFAULT_WINDOW_CLOSES, DEFAULT_WINDOW_OPENS, type ServiceWindow } from './calendar/service-window';
export { contractHistory, type HistoryEntry, type HistoryEffect, type HistoryRecord, type Change } from './history/contract-history';
export { describeEvent, yuan } from './history/describe-event';
export { diffValues, type FieldChange } from './history/value-diff';
export { type ContractRef, type PortfolioQuery } from './reports/portfolio-position';
export { terminationRisk, type TerminationRiskReport, type TerminationRiskRow, WATCH_SHARE } from './reports/termination-risk';
export { overdueObligations, type OverdueObligationRow, type OverdueObligationsReport, type PartyOverdue } from './reports/overdue-obligations';
export { responseTimes, type ClockCompliance, type ContractResponseTimes, type LateAnswer, type PriorityCompliance, type ResponseTimesReport } from './reports/response-times';
export { inspectionQuotas, type ContractInspectionQuotas, type InspectionQuotasReport, type MissedPeriod, type QuotaCompliance, type QuotaLine } from './reports/inspection-quotas';
