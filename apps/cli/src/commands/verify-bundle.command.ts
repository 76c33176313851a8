import { readFile } from 'node:fs/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { type AuditVerificationReport, verifyAuditBundle } from '@app/audit';
import { CLI_IO, CliInputError, type CliIo, CliOutcome, EXIT } from '../cli-io';
import { type OutputFormat, parseFormat, table, toJson } from '../cli-format';

// Offline: reads the bundle file and nothing else. No store is opened (CliStore is not even
// injected), so it runs on an auditor's machine with no service and no configuration.

@Command({ name: 'verify-bundle', arguments: '<file>', description: 'check an audit bundle offline (chain, head, figures, digests); exit 1 if it fails' })
export class VerifyBundleCommand extends CommandRunner {
  constructor(
    private readonly outcome: CliOutcome,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run([file]: string[], options: { format: OutputFormat }): Promise<void> {
    let bundle: unknown;
    try {
      bundle = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new CliInputError('<file>', `${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const report = verifyAuditBundle(bundle);
    if (!report.verified) this.outcome.code = EXIT.verificationFailed;
    this.io.out(options.format === 'text' ? reportText(file, report) : toJson(report));
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

function reportText(file: string, report: AuditVerificationReport): string {
  const verdict = report.verified
    ? `${file}: verified (${report.contractsChecked} contract(s), ${report.checks.length} checks)\n`
    : `${file}: FAILED: ${report.firstFailure!.check}${report.firstFailure!.contractId ? ` (contract ${report.firstFailure!.contractId})` : ''}: ${report.firstFailure!.detail}\n`;
  return `${verdict}\n${table(['contract', 'check', 'result', 'detail'], report.checks.map((c) => [c.contractId ?? '(bundle)', c.check, c.ok ? 'ok' : 'FAILED', c.detail]))}`;
}
