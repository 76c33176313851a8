import type { ServiceWindow } from '../calendar/service-window';

// The terms a contract was signed with. They are fixed when it is drafted and travel inside the
// first event, so a replay never depends on presets or defaults that may change later.

export type Party = 'customer' | 'vendor'; // 甲方 / 乙方
export const PARTIES: readonly Party[] = ['customer', 'vendor'];
export type Priority = 'P1' | 'P2'; // 2.1
export type SiteLocation = 'local' | 'out-of-town'; // inside Beijing's 5th ring road, or elsewhere
export type InspectionKind = 'remote' | 'onsite';

export interface PartyDetails {
  /**
   * The party's organisation id as principals name it ("itime"): who may see the contract.
   * Absent on contracts drafted before organisations existed; those only an admin sees.
   */
  organisation?: string;
  name: string;
  taxId: string;
  bank: string;
  account: string;
  address: string;
  phone: string;
  representative: string;
}

export interface Sla {
  /** Hours to respond per priority, counted inside the service window; null = no response SLA (e.g. a resident engineer). */
  responseHours: Record<Priority, number> | null;
  serviceWindow: ServiceWindow;
  /** Wall-clock hours to arrive on site once requested; null = the level includes no on-site service. */
  onsiteArrivalHours: { local: number; outOfTown: number } | null;
  remoteInspectionsPerYear: number;
  onsiteInspectionsPerYear: number;
  trainingsPerYear: number;
}

export interface PaymentTerms {
  /** 3.2: the ITiMe contract counts from receipt of the invoice, the BasicCall one from signing. */
  trigger: 'signing' | 'invoice-receipt';
  workingDays: number;
}

/** Fixed local dates, both inclusive (BasicCall 3.3), or N months from the day of full payment (ITiMe 3.3). */
export type ServiceTerm = { start: string; end: string } | { startsOnPayment: true; months: number };

/** 5.1: 0.1 % of the contract amount per late day; the contract ends once a party's total exceeds 20 %. */
export interface PenaltyPolicy {
  dailyRate: string;
  terminationThreshold: string;
}

export const DEFAULT_PENALTY_POLICY: PenaltyPolicy = { dailyRate: '0.001', terminationThreshold: '0.20' };
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ContractTerms {
  contractNo: string;
  product: string;
  customer: PartyDetails;
  vendor: PartyDetails;
  /** CNY, decimal string with two decimals. */
  amount: string;
  site: SiteLocation;
  timeZone: string;
  sla: Sla;
  /** The preset the SLA was copied from, kept for the reader; the concrete `sla` is what binds. */
  slaPreset?: string;
  paymentTerms: PaymentTerms;
  serviceTerm: ServiceTerm;
  penaltyPolicy: PenaltyPolicy;
}

export function termStartsOnPayment(term: ServiceTerm): term is { startsOnPayment: true; months: number } {
  return 'startsOnPayment' in term;
}
