import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { calendarOf, chinaCalendarCatalog, type ContractView, foldContract, foldContractAsOf, formatInstant, Temporal, toContractView } from '@app/contracts-domain';
import { recordsKnownAt } from '@app/contract-store';
import { CLI_IO, CliInputError, type CliIo } from '../cli-io';
import { fields, type OutputFormat, parseFormat, table, toJson } from '../cli-format';
import { instantOption, loadExistingContract } from '../cli-options';
import { CliStore } from '../cli-store';

// Bitemporal replay: "on --known-at, what did we believe the position was on --as-of". Only events
// recorded by knownAt are folded, and of those only what had happened by asOf.

interface ReplayOptions {
  asOf?: Temporal.Instant;
  knownAt?: Temporal.Instant;
  format: OutputFormat;
}

export type ReplayView = ContractView & { knownAt: string | null };

@Command({
  name: 'replay',
  arguments: '<contractId>',
  description: 'the contract as it stood at --as-of, as far as it was known at --known-at (both default to now)',
})
export class ReplayCommand extends CommandRunner {
  constructor(
    private readonly cliStore: CliStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run([contractId]: string[], options: ReplayOptions): Promise<void> {
    const { records } = await loadExistingContract(await this.cliStore.store(), contractId);
    const known = recordsKnownAt(records, options.knownAt);
    const zone = records[0].event.type === 'ContractDrafted' ? records[0].event.data.terms.timeZone : 'UTC';
    if (known.length === 0) {
      throw new CliInputError('--known-at', `nothing about contract ${contractId} had been recorded by ${formatInstant(options.knownAt!, zone)}`);
    }
    const events = known.map((r) => r.event);
    const asOf = options.asOf ?? options.knownAt ?? Temporal.Now.instant();
    const state = options.asOf ? foldContractAsOf(events, options.asOf) : foldContract(events);
    if (!state) throw new CliInputError('--as-of', `contract ${contractId} had not been drafted by ${formatInstant(asOf, zone)}`);
    const view: ReplayView = {
      ...toContractView(state, { revision: known[known.length - 1].revision, asOf, calendar: calendarOf(chinaCalendarCatalog, state.calendarVersion) }),
      knownAt: options.knownAt ? formatInstant(options.knownAt, zone) : null,
    };
    this.io.out(options.format === 'text' ? replayText(view) : toJson(view));
  }

  @Option({ flags: '--as-of <instant>', description: 'business time: only facts that had happened by then (ISO 8601 with offset)' })
  parseAsOf(value: string): Temporal.Instant {
    return instantOption(value, '--as-of');
  }

  @Option({ flags: '--known-at <instant>', description: 'knowledge time: only events recorded by then' })
  parseKnownAt(value: string): Temporal.Instant {
    return instantOption(value, '--known-at');
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

function replayText(view: ReplayView): string {
  const summary = fields([
    ['contract', `${view.contractNo} (${view.id})`],
    ['product', view.product],
    ['status', view.status],
    ['as of', view.asOf],
    ['known at', view.knownAt ?? 'now (everything recorded)'],
    ['amount', view.amount],
    ['payment due', view.payment.dueDate ? `${view.payment.dueDate}${view.payment.dueDateProvisional ? ' (provisional)' : ''}` : null],
    ['paid / outstanding', `${view.payment.paid} / ${view.payment.outstanding}`],
    ['penalties customer', `${view.penalties.customer} (${view.penalties.lateDays.customer} late days)`],
    ['penalties vendor', `${view.penalties.vendor} (${view.penalties.lateDays.vendor} late days)`],
    ['threshold', view.penalties.threshold],
    ['termination', view.termination ? `${view.termination.reason} at ${view.termination.at}` : null],
  ]);
  const obligations = table(
    ['obligation', 'party', 'deadline', 'status', 'late days', 'penalty'],
    view.obligations.map((o) => [o.id, o.party, o.dueDate ?? o.deadline, o.status, o.lateDays, o.penalty]),
  );
  return `${summary}\n${obligations}`;
}
