import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { CLI_IO, type CliIo } from '../cli-io';
import { type OutputFormat, parseFormat, toJson } from '../cli-format';
import { CliStore } from '../cli-store';

// Step 3 of a KEK rotation (docs/confidential-data.md): with CONFIDENTIAL_KEK set to the new key
// and the old one in CONFIDENTIAL_KEK_PREVIOUS, re-wraps every confidential data key under the
// new one. Safe beside running instances and when run twice: a row moves only from the wrapping
// it was read with. Events and read models are untouched (the data keys themselves do not change).

@Command({ name: 'rewrap-keys', description: 'KEK rotation: re-wrap every confidential data key under CONFIDENTIAL_KEK; prints how many moved' })
export class RewrapKeysCommand extends CommandRunner {
  constructor(
    private readonly cliStore: CliStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run(_: string[], options: { format: OutputFormat }): Promise<void> {
    const keys = await this.cliStore.partyKeys();
    const rewrapped = await keys.rewrapAll();
    this.io.out(options.format === 'text' ? `${rewrapped} data key(s) re-wrapped under KEK ${keys.currentKekId}\n` : toJson({ rewrapped, kekId: keys.currentKekId }));
  }

  @Option({ flags: '--format <format>', description: 'json ({rewrapped, kekId}) or text', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}
