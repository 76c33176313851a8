import type { Sla } from './contract-terms';

// Section 1 of each seed contract, as concrete terms. A contract copies the preset into its own
// terms when drafted; changing a preset here never changes a contract already drafted.

const OFFICE_HOURS = { from: '09:00', to: '17:00' } as const;

/** 增强级 / 钻石级: a resident engineer works on demand, so no response clock, quota or on-site clock applies. */
const RESIDENT_ENGINEER: Sla = {
  responseHours: null,
  serviceWindow: { kind: '5x8', ...OFFICE_HOURS },
  onsiteArrivalHours: null,
  remoteInspectionsPerYear: 0,
  onsiteInspectionsPerYear: 0,
  trainingsPerYear: 0,
};

const ONSITE_WITHIN = { local: 2, outOfTown: 12 }; // within Beijing's 5th ring road 2 h, elsewhere 12 h

export const SLA_PRESETS: Readonly<Record<string, Sla>> = {
  'ITiMe/basic': {
    responseHours: { P1: 2, P2: 4 },
    serviceWindow: { kind: '5x8', ...OFFICE_HOURS },
    onsiteArrivalHours: null,
    remoteInspectionsPerYear: 4,
    onsiteInspectionsPerYear: 0,
    trainingsPerYear: 0,
  },
  'ITiMe/regular': {
    responseHours: { P1: 1, P2: 2 },
    serviceWindow: { kind: '7x24', ...OFFICE_HOURS },
    onsiteArrivalHours: ONSITE_WITHIN,
    remoteInspectionsPerYear: 4,
    onsiteInspectionsPerYear: 2,
    trainingsPerYear: 0,
  },
  'ITiMe/enhanced': RESIDENT_ENGINEER,
  'BasicCall/regular': {
    responseHours: { P1: 2, P2: 4 },
    serviceWindow: { kind: '7x8', ...OFFICE_HOURS },
    onsiteArrivalHours: null,
    remoteInspectionsPerYear: 2,
    onsiteInspectionsPerYear: 0,
    trainingsPerYear: 0,
  },
  'BasicCall/enhanced': {
    responseHours: { P1: 1, P2: 2 },
    serviceWindow: { kind: '7x24', ...OFFICE_HOURS },
    onsiteArrivalHours: ONSITE_WITHIN,
    remoteInspectionsPerYear: 2,
    onsiteInspectionsPerYear: 2,
    trainingsPerYear: 2,
  },
  'BasicCall/diamond': RESIDENT_ENGINEER,
};

export function slaPreset(name: string): Sla | undefined {
  return Object.prototype.hasOwnProperty.call(SLA_PRESETS, name) ? structuredClone(SLA_PRESETS[name]) : undefined;
}
