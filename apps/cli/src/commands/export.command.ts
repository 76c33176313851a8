import { writeFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { type AuditBundleScope, buildAuditBundle } from '@app/audit';
import { chinaCalendarCatalog, Temporal } from '@app/contracts-domain';
import { CLI_IO, CliInputError, type CliIo } from '../cli-io';
import { type OutputFormat, parseFormat, table, toJson } from '../cli-format';
import { instantOption, loadExistingContract } from '../cli-options';
import { CliStore } from '../cli-store';

// The audit bundle for one contract or a period, written to a file; the manifest (with its digest,
// the one figure to keep elsewhere) is printed so the person exporting can note it.

interface ExportOptions {
  /** As typed (validated): the bundle's scope keeps the offset the user gave. */
  from?: string;
  to?: string;
  out?: string;
  format: OutputFormat;
}

@Command({
  name: 'export',
  arguments: '[contractId]',
  description: 'write the audit bundle of one contract, or of every contract touched in [--from, --to), to --out',
})
export class ExportCommand extends CommandRunner {
  constructor(
    private readonly cliStore: CliStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run([contractId]: string[], options: ExportOptions): Promise<void> {
    if (!options.out) throw new CliInputError('--out', 'name the file to write the bundle to');
    const store = await this.cliStore.store();
    const scope = await this.scope(contractId, options, store);
    const bundle = await buildAuditBundle(store, scope, { generatedAt: Temporal.Now.instant().toString(), calendars: chinaCalendarCatalog });
    await writeFile(options.out, toJson(bundle), 'utf8');
    const summary = { file: options.out, scope: bundle.scope, generatedAt: bundle.generatedAt, manifest: bundle.manifest };
    this.io.out(
      options.format === 'text'
        ? `wrote ${options.out}: ${bundle.contracts.length} contract(s), manifest digest ${bundle.manifest.digest}\n\n` +
            table(['contract', 'contract no', 'events', 'head'], bundle.manifest.contracts.map((c) => [c.contractId, c.contractNo, c.eventCount, c.head.hash]))
        : toJson(summary),
    );
  }

  private async scope(contractId: string | undefined, options: ExportOptions, store: Awaited<ReturnType<CliStore['store']>>): Promise<AuditBundleScope> {
    const period = options.from !== undefined || options.to !== undefined;
    if (contractId !== undefined && period) throw new CliInputError('--from', 'give either a contract id or --from/--to, not both');
    if (contractId !== undefined) {
      await loadExistingContract(store, contractId);
      return { contractId };
    }
    if (!period) throw new CliInputError('<contractId>', 'name a contract, or give a period with --from and --to');
    if (!options.from) throw new CliInputError('--from', 'a period needs its start too');
    if (!options.to) throw new CliInputError('--to', 'a period needs its end too');
    if (Temporal.Instant.compare(options.from, options.to) >= 0) throw new CliInputError('--to', 'must be after --from');
    return { from: options.from, to: options.to };
  }

  @Option({ flags: '--from <instant>', description: 'period start (inclusive), ISO 8601 with offset' })
  parseFrom(value: string): string {
    instantOption(value, '--from');
    return value;
  }

  @Option({ flags: '--to <instant>', description: 'period end (exclusive)' })
  parseTo(value: string): string {
    instantOption(value, '--to');
    return value;
  }

  @Option({ flags: '--out <file>', description: 'where to write the bundle (JSON)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'json or text: how to print the summary', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}
