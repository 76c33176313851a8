import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { type ChainVerification, contractStreamId, verifyChain } from '@app/contract-store';
import { CLI_IO, CliInputError, type CliIo, CliOutcome, EXIT } from '../cli-io';
import { type OutputFormat, parseFormat, table, toJson } from '../cli-format';
import { allContractIds, loadExistingContract } from '../cli-options';
import { CliStore } from '../cli-store';

// Tamper evidence from the command line: recomputes each contract stream's hash chain and names
// the first broken link. Exit 1 when any stream fails, so a scheduled job can alert on it.

interface VerifyOptions {
  all?: boolean;
  expectedHead?: string;
  format: OutputFormat;
}

export interface VerifyReport {
  verified: boolean;
  contracts: (ChainVerification & { contractId: string })[];
}

@Command({
  name: 'verify',
  arguments: '[contractId]',
  description: "recompute the hash chain of one contract (or --all) and name the first broken link; exit 1 if any fails",
})
export class VerifyCommand extends CommandRunner {
  constructor(
    private readonly cliStore: CliStore,
    private readonly outcome: CliOutcome,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run([contractId]: string[], options: VerifyOptions): Promise<void> {
    if (contractId === undefined && !options.all) throw new CliInputError('<contractId>', 'name a contract, or give --all for every contract');
    if (contractId !== undefined && options.all) throw new CliInputError('--all', 'give either a contract id or --all, not both');
    if (options.expectedHead !== undefined && options.all) {
      throw new CliInputError('--expected-head', 'a head belongs to one contract stream; name the contract instead of --all');
    }
    const store = await this.cliStore.store();
    const ids = contractId !== undefined ? [contractId] : await allContractIds(store);
    const contracts = [];
    for (const id of ids) {
      const { stream } = await loadExistingContract(store, id);
      contracts.push({ contractId: id, ...verifyChain(contractStreamId(id), stream, { expectedHead: options.expectedHead }) });
    }
    const report: VerifyReport = { verified: contracts.every((c) => c.verified), contracts };
    if (!report.verified) this.outcome.code = EXIT.verificationFailed;
    this.io.out(options.format === 'text' ? verifyText(report) : toJson(report));
  }

  @Option({ flags: '--all', description: 'every contract in the store' })
  parseAll(): boolean {
    return true;
  }

  @Option({ flags: '--expected-head <hash>', description: 'the head hash kept elsewhere (an audit bundle manifest): catches events cut off the end' })
  parseExpectedHead(value: string): string {
    if (!/^[0-9a-f]{64}$/.test(value)) throw new CliInputError('--expected-head', 'must be a sha-256 hash: 64 lowercase hex digits');
    return value;
  }

  @Option({ flags: '--format <format>', description: 'json or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

function verifyText(report: VerifyReport): string {
  const rows = report.contracts.map((c) => [
    c.contractId,
    c.eventsChecked,
    c.verified ? 'verified' : `BROKEN at revision ${c.firstBreak!.revision}: ${c.firstBreak!.problem}`,
    c.head?.hash ?? '',
  ]);
  const breaks = report.contracts.filter((c) => c.firstBreak).map((c) => `${c.contractId}: ${c.firstBreak!.detail}\n`);
  return table(['contract', 'events checked', 'chain', 'head'], rows) + (breaks.length ? `\n${breaks.join('')}` : '');
}
