import { CONTRACT_EVENT_SCHEMA_VERSION, type ContractEvent, occurredAtOf } from '@app/contracts-domain';
import { contractStreamId, type ContractEventMetadata } from '@app/contract-store';
import type { NewEvent } from '@app/event-store';
import { type ContractKind, contractTemplate, type ContractTemplate, type TemplateSpec } from './contract-templates';
import { Prng } from './prng';
import { marker, sealPatterns, sealWithPatterns } from './template-seal';

// A portfolio: N contracts stamped out from the templates, each with its own ids, contract number
// and hash chain, exactly as the service would have stored them one command at a time. Contract i
// depends only on (seed, i), so the same seed gives the same events, contract by contract.

export interface PortfolioSpec {
  seed: number;
  contracts: number;
  /** Contracts with one unanswered fault past its deadline at BENCH_NOW (one overdue obligation each). */
  overdue: number;
  /** Contracts with one unanswered fault whose deadline falls after BENCH_NOW: overdue at NEXT_NIGHT. */
  overdueNextNight?: number;
  /** ITiMe contracts invoiced and not yet paid (payment not yet due): where HTTP payments go. */
  awaitingPayment?: number;
}

export interface GeneratedContract {
  index: number;
  contractId: string;
  streamId: string;
  kind: ContractKind;
  template: TemplateSpec;
  /** Sealed, in revision order, ready for one append with expectedRevision 'no-stream'. */
  events: NewEvent[];
  /** When each event was stored (its command's server clock), for a bulk load that keeps stored_at. */
  storedAt: string[];
}

/**
 * Which contracts are overdue, overdue from the next night, or awaiting payment: each group spread
 * evenly over the contracts the groups before it left, never by chance, so a portfolio holds
 * exactly the asked number of each. (A portfolio without next-night contracts is laid out exactly
 * as before they existed.)
 */
export function kindOf(spec: PortfolioSpec, index: number): ContractKind {
  if (!Number.isInteger(index) || index < 0 || index >= spec.contracts) throw new RangeError(`contract ${index} is outside a portfolio of ${spec.contracts}`);
  const groups: [ContractKind, number][] = [
    ['overdue', spec.overdue],
    ['overdue-next-night', spec.overdueNextNight ?? 0],
    ['awaiting-payment', spec.awaitingPayment ?? 0],
  ];
  if (groups.some(([, count]) => count < 0) || groups.reduce((sum, [, count]) => sum + count, 0) > spec.contracts) {
    throw new RangeError('overdue, next-night overdue and awaiting-payment contracts must fit in the portfolio');
  }
  let rest = index; // position among the contracts no earlier group took
  let remaining = spec.contracts;
  for (const [kind, count] of groups) {
    if (count > 0) {
      const stride = Math.floor(remaining / count);
      if (rest % stride === 0 && rest / stride < count) return kind;
      rest -= Math.min(count, Math.ceil(rest / stride));
    }
    remaining -= count;
  }
  return 'active';
}

/** Contract `index` of the portfolio. */
export function generateContract(spec: PortfolioSpec, index: number): GeneratedContract {
  const prng = Prng.forItem(spec.seed, index);
  const kind = kindOf(spec, index);
  const contractId = prng.uuid();
  const template: TemplateSpec =
    kind === 'awaiting-payment'
      ? { seed: 'itime-2023', kind, faults: 0, lateFault: false }
      : { seed: prng.next() < 0.5 ? 'basiccall-2021' : 'itime-2023', kind, faults: prng.int(0, 6), lateFault: prng.next() < 0.2 };
  return stampOut(contractTemplate(template), { index, contractId, prng });
}

/** Every contract of the portfolio in `batch`-sized slices, generated lazily. */
export function* portfolioBatches(spec: PortfolioSpec, batch: number): Generator<GeneratedContract[]> {
  for (let start = 0; start < spec.contracts; start += batch) {
    const slice: GeneratedContract[] = [];
    for (let i = start; i < Math.min(start + batch, spec.contracts); i++) slice.push(generateContract(spec, i));
    yield slice;
  }
}

/** One contract from a template, with ids drawn from `prng`: the way the replay scenario's long contract is made too. */
export function stampOut(template: ContractTemplate, { index, contractId, prng }: { index: number; contractId: string; prng: Prng }): GeneratedContract {
  const streamId = contractStreamId(contractId);
  const commandIds = Array.from({ length: template.commands }, () => prng.uuid());
  const contractNo = (templateNo: string) => `${templateNo}-${String(index).padStart(6, '0')}`;
  const unsealed = unsealedEvents(template, { contractId, contractNo, commandId: (i) => commandIds[i], eventId: () => prng.uuid() });
  const drafted = unsealed.find((event) => event.type === 'ContractDrafted')?.data as { terms: { contractNo: string } } | undefined;
  return {
    index,
    contractId,
    streamId,
    kind: template.spec.kind,
    template: template.spec,
    events: sealWithPatterns(patternsOf(template), unsealed, { streamId, contractId, contractNo: drafted?.terms.contractNo ?? '' }),
    storedAt: template.events.map((e) => e.recordedAt),
  };
}

/** What makes a stamped contract its own: ids and number (functions, so markers can stand in for them). */
interface Identity {
  contractId: string;
  contractNo: (templateNo: string) => string;
  commandId: (commandIndex: number) => string;
  eventId: () => string;
}

/** The template's events as this contract's, not yet sealed. */
function unsealedEvents(template: ContractTemplate, identity: Identity): NewEvent[] {
  return template.events.map(({ event, commandIndex, commandType, recordedAt }) => {
    const commandId = identity.commandId(commandIndex);
    const nightly = commandType === 'BringUpToDate';
    const metadata: ContractEventMetadata = {
      occurredAt: occurredAtOf(event),
      recordedAt,
      commandId,
      correlationId: commandId, // no X-Correlation-Id: the service uses the command id
      actor: nightly ? 'accrual-scheduler' : 'anonymous',
      schemaVersion: CONTRACT_EVENT_SCHEMA_VERSION,
      commandType,
    };
    return { eventId: identity.eventId(), type: event.type, data: personalise(event, identity).data, metadata };
  });
}

const patterns = new WeakMap<ContractTemplate, ReturnType<typeof sealPatterns>>();

/** The template's seal patterns (template-seal.ts), made once per template. */
function patternsOf(template: ContractTemplate): ReturnType<typeof sealPatterns> {
  let made = patterns.get(template);
  if (!made) {
    made = sealPatterns(unsealedEvents(template, { contractId: marker('I'), contractNo: () => marker('N'), commandId: () => marker('C'), eventId: () => marker('E') }));
    patterns.set(template, made);
  }
  return made;
}

/** The drafted event names the contract and its number; everything else is shared with the template. */
function personalise(event: ContractEvent, { contractId, contractNo }: Identity): ContractEvent {
  if (event.type !== 'ContractDrafted') return event;
  return { type: event.type, data: { ...event.data, contractId, terms: { ...event.data.terms, contractNo: contractNo(event.data.terms.contractNo) } } };
}
