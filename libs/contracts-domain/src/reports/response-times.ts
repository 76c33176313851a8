import type { ContractState } from '../contract.state';
import type { ObligationStatus, ObligationView } from '../contract.view';
import type { Priority } from '../terms/contract-terms';
import { instantOf } from '../time';
import { countShare } from './exact-share';
import { byContractNo, contractRef, type ContractPosition, type ContractRef, positionsAt, type PortfolioQuery, reportInstant } from './portfolio-position';

// Section 1 / 2.1: how well the vendor kept the response clock (and, where the level includes it,
// the on-site arrival clock), per contract and per agreed priority of each fault.

export interface LateAnswer {
  faultId: string;
  deadline: string;
  metAt: string;
  /** metAt − deadline, ISO 8601: "PT30M". */
  delay: string;
  lateDays: number;
  penalty: string;
}

export interface ClockCompliance {
  faults: number;
  onTime: number;
  late: number;
  /** Not yet answered, deadline still ahead. */
  openWithinDeadline: number;
  /** Not answered, deadline passed. */
  overdue: number;
  /** Not answered, but the contract ended before the deadline. */
  lapsed: number;
  /** onTime / (onTime + late + overdue), two decimals rounded down; null while nothing was judged. */
  onTimeShare: string | null;
  lateAnswers: LateAnswer[];
}

export interface PriorityCompliance {
  priority: Priority;
  responseHours: number;
  response: ClockCompliance;
  /** null when the level includes no on-site service. */
  onsiteArrival: ClockCompliance | null;
}

export interface ContractResponseTimes extends ContractRef {
  slaPreset: string | null;
  serviceWindow: string;
  priorities: PriorityCompliance[];
}

export interface ResponseTimesReport {
  asOf: string;
  /** Contracts with a response clock; a resident engineer (no clock) has nothing to measure. */
  contracts: ContractResponseTimes[];
}

export function responseTimes(states: readonly ContractState[], query: PortfolioQuery): ResponseTimesReport {
  const contracts = positionsAt(states, query)
    .filter((p) => p.state.terms.sla.responseHours !== null)
    .map(contractResponseTimes)
    .sort(byContractNo);
  return { asOf: reportInstant(query.asOf), contracts };
}

function contractResponseTimes(position: ContractPosition): ContractResponseTimes {
  const { sla, slaPreset } = position.state.terms;
  const faults = position.state.faults;
  // A fault is judged under the priority last agreed for it (2.1 re-computes from the report).
  const ofPriority = (priority: Priority, kind: 'fault-response' | 'onsite-arrival') =>
    position.view.obligations.filter((o) => o.kind === kind && faults.get(o.faultId!)?.priority === priority);
  return {
    ...contractRef(position),
    slaPreset: slaPreset ?? null,
    serviceWindow: sla.serviceWindow.kind,
    // The contract's own priorities, as its section 1 lists them.
    priorities: (Object.keys(sla.responseHours!) as Priority[]).sort().map((priority) => ({
      priority,
      responseHours: sla.responseHours![priority],
      response: compliance(ofPriority(priority, 'fault-response')),
      onsiteArrival: sla.onsiteArrivalHours ? compliance(ofPriority(priority, 'onsite-arrival')) : null,
    })),
  };
}

function compliance(obligations: ObligationView[]): ClockCompliance {
  const count = (status: ObligationStatus) => obligations.filter((o) => o.status === status).length;
  const onTime = count('met');
  const late = count('met-late');
  const overdue = count('overdue');
  return {
    faults: obligations.length,
    onTime,
    late,
    openWithinDeadline: count('open'),
    overdue,
    lapsed: count('lapsed'),
    onTimeShare: countShare(onTime, onTime + late + overdue),
    lateAnswers: obligations.filter((o) => o.status === 'met-late').map(lateAnswer),
  };
}

function lateAnswer(o: ObligationView): LateAnswer {
  const deadline = o.deadline!;
  const metAt = o.metAt!;
  return {
    faultId: o.faultId!,
    deadline,
    metAt,
    delay: instantOf(deadline).until(instantOf(metAt), { largestUnit: 'hours' }).toString(),
    lateDays: o.lateDays,
    penalty: o.penalty,
  };
}
