import {
  type ContractTerms,
  DEFAULT_PENALTY_POLICY,
  DEFAULT_WINDOW_CLOSES,
  DEFAULT_WINDOW_OPENS,
  DEFAULT_TIME_ZONE,
  type PartyDetails,
  type ServiceTerm,
  type Sla,
  slaPreset,
} from '@app/contracts-domain';
import type { DraftContractDto, PartyDetailsDto, ServiceTermDto, SlaDto } from './draft-contract.dto';

// The request's terms → the concrete terms stored in ContractDrafted: a preset is copied into
// `sla` (its name kept as a label) and every default is written out, so a replay never depends
// on presets or defaults that may change later.

const DEFAULT_WINDOW = { from: DEFAULT_WINDOW_OPENS, to: DEFAULT_WINDOW_CLOSES } as const;

export function toContractTerms(dto: DraftContractDto): ContractTerms {
  const preset = dto.slaPreset === undefined ? undefined : slaPreset(dto.slaPreset);
  return {
    contractNo: dto.contractNo,
    product: dto.product,
    customer: party(dto.customer),
    vendor: party(dto.vendor),
    amount: dto.amount,
    site: dto.site,
    timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
    // The DTO guarantees exactly one of the two, and that a preset name exists.
    sla: preset ?? sla(dto.sla!),
    ...(dto.slaPreset !== undefined ? { slaPreset: dto.slaPreset } : {}),
    paymentTerms: { trigger: dto.paymentTerms.trigger, workingDays: dto.paymentTerms.workingDays },
    serviceTerm: serviceTerm(dto.serviceTerm),
    penaltyPolicy: dto.penaltyPolicy
      ? { dailyRate: dto.penaltyPolicy.dailyRate, terminationThreshold: dto.penaltyPolicy.terminationThreshold }
      : { ...DEFAULT_PENALTY_POLICY },
  };
}

function party(dto: PartyDetailsDto): PartyDetails {
  const { organisation, name, taxId, bank, account, address, phone, representative } = dto;
  return { ...(organisation !== undefined ? { organisation } : {}), name, taxId, bank, account, address, phone, representative };
}

function sla(dto: SlaDto): Sla {
  return {
    responseHours: dto.responseHours && { P1: dto.responseHours.P1, P2: dto.responseHours.P2 },
    serviceWindow: {
      kind: dto.serviceWindow.kind,
      from: dto.serviceWindow.from ?? DEFAULT_WINDOW.from,
      to: dto.serviceWindow.to ?? DEFAULT_WINDOW.to,
    },
    onsiteArrivalHours: dto.onsiteArrivalHours && { local: dto.onsiteArrivalHours.local, outOfTown: dto.onsiteArrivalHours.outOfTown },
    remoteInspectionsPerYear: dto.remoteInspectionsPerYear,
    onsiteInspectionsPerYear: dto.onsiteInspectionsPerYear,
    trainingsPerYear: dto.trainingsPerYear,
  };
}

function serviceTerm(dto: ServiceTermDto): ServiceTerm {
  return dto.startsOnPayment ? { startsOnPayment: true, months: dto.months! } : { start: dto.start!, end: dto.end! };
}
