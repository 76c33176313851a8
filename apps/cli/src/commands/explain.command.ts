import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { chinaCalendarCatalog } from '@app/contracts-domain';
import { type HashedReceipt, hashedReceipts } from '@app/contract-store';
import { CLI_IO, CliInputError, type CliIo } from '../cli-io';
import { fields, type OutputFormat, parseFormat, table, toJson } from '../cli-format';
import { loadExistingContract } from '../cli-options';
import { CliStore } from '../cli-store';

// Penalty calculation receipts (5.1), each with its hash: the same figures and hashes as
// GET /contracts/{id}/ledger/receipts. One receipt is computed from the events up to its own
// ledger line only, so running `explain` again later gives the same receipt and the same hash.

interface ExplainOptions {
  receipt?: string;
  format: OutputFormat;
}

@Command({ name: 'explain', arguments: '<contractId>', description: 'the penalty receipts of a contract (or one, --receipt), each with its hash' })
export class ExplainCommand extends CommandRunner {
  constructor(
    private readonly cliStore: CliStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run([contractId]: string[], options: ExplainOptions): Promise<void> {
    const { records } = await loadExistingContract(await this.cliStore.store(), contractId);
    if (options.receipt !== undefined) {
      const end = records.findIndex((r) => r.eventId === options.receipt && (r.type === 'PenaltyAccrued' || r.type === 'PenaltyAccrualReversed'));
      const receipt = end < 0 ? undefined : hashedReceipts(records.slice(0, end + 1), chinaCalendarCatalog).at(-1);
      if (!receipt) throw new CliInputError('--receipt', `contract ${contractId} has no ledger line ${options.receipt}`);
      this.io.out(options.format === 'text' ? receiptText(receipt) : toJson(receipt));
      return;
    }
    const items = hashedReceipts(records, chinaCalendarCatalog);
    const revision = records[records.length - 1].revision;
    this.io.out(options.format === 'text' ? receiptsTable(items) : toJson({ contractId, revision, items }));
  }

  @Option({ flags: '--receipt <receiptId>', description: 'one receipt: the id of its PenaltyAccrued / PenaltyAccrualReversed event' })
  parseReceipt(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

function receiptsTable(items: HashedReceipt[]): string {
  if (items.length === 0) return 'no penalty has been accrued under this contract\n';
  return table(
    ['receipt', 'kind', 'party', 'obligation', 'late day', 'started', 'amount', 'party total', 'of threshold', 'hash'],
    items.map((r) => [
      r.receiptId,
      r.kind,
      r.party.role,
      r.obligation.id,
      r.lateDay.number,
      r.lateDay.startedAt,
      r.computation.amount,
      r.computation.partyTotal,
      `${r.threshold.usedPercent} %`,
      r.receiptHash.slice(0, 16),
    ]),
  );
}

function receiptText(r: HashedReceipt): string {
  const derivation = r.obligation.derivation;
  const head = fields([
    ['receipt', `${r.receiptId} (${r.kind})`],
    ['hash', r.receiptHash],
    ['contract', `${r.contract.contractNo} (${r.contract.id})`],
    ['party', `${r.party.label}: ${r.party.name}`],
    ['obligation', `${r.obligation.id}, deadline ${r.obligation.deadline ?? '—'}${r.obligation.provisional ? ' (provisional)' : ''}${r.obligation.metAt ? `, met ${r.obligation.metAt}` : ''}`],
    ['calendar', `${r.calendar.id} version ${r.calendar.version}`],
    ['rule', derivation?.rule ?? null],
    ['late day', `${r.lateDay.number}, from ${r.lateDay.startedAt} to ${r.lateDay.endedAt}`],
    ['rate × base', `${r.computation.dailyRate} × ${r.computation.base}`],
    ['exact total', `${r.computation.exactTotalBefore} → ${r.computation.exactTotalAfter}`],
    ['rounded total', `${r.computation.roundedTotalBefore} → ${r.computation.roundedTotalAfter}`],
    ['amount', r.computation.amount],
    ['party total', `${r.computation.partyTotal} (${r.threshold.usedPercent} % of the ${r.threshold.amount} threshold${r.threshold.exceeded ? ', EXCEEDED' : ''})`],
    ['rounding', r.rounding],
    ['clause', `${r.clause.number} ${r.clause.text}`],
    ...(r.reversalReason ? ([['reversed because', r.reversalReason]] as [string, string][]) : []),
  ]);
  const days =
    derivation?.kind === 'payment'
      ? `\n${table(['day', 'weekday', 'counted', 'why'], [...derivation.counted.map((d) => ({ ...d, counted: 'yes' })), ...derivation.skipped.map((d) => ({ ...d, counted: 'no' }))].sort((a, b) => a.date.localeCompare(b.date)).map((d) => [d.date, d.weekday, d.counted, d.why]))}`
      : '';
  const sources = `\n${table(['derived from', 'revision', 'type', 'role'], r.derivedFrom.map((s) => [s.eventId, s.revision, s.type, s.role]))}`;
  return head + days + sources;
}
