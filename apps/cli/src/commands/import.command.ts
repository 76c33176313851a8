import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Inject } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Command, CommandRunner, Option } from 'nest-commander';
import { chinaCalendarCatalog, Temporal } from '@app/contracts-domain';
import { runContractCommand } from '@app/contract-store';
import { protectCommand } from '../../../contracts/src/confidential/confidential-commands';
import { toContractTerms } from '../../../contracts/src/contracts/dto/contract-terms.mapper';
import { DraftContractDto } from '../../../contracts/src/contracts/dto/draft-contract.dto';
import { fieldErrors } from '../../../contracts/src/http/validation.pipe';
import { CLI_IO, CliInputError, type CliIo } from '../cli-io';
import { type OutputFormat, parseFormat, toJson } from '../cli-format';
import { CliStore } from '../cli-store';

// Drafts a contract from a terms file, the same JSON a client POSTs to /contracts: checked by the
// same DTO with the same strictness (unknown fields refused, nothing converted), mapped by the same
// mapper, encrypted with the same data keys and appended by the same runContractCommand, so a CLI
// import and an HTTP draft store identical events.

interface ImportOptions {
  actor?: string;
  format: OutputFormat;
}

@Command({ name: 'import', arguments: '<terms.json>', description: 'draft a contract from its terms (the body of POST /contracts); prints the new id' })
export class ImportCommand extends CommandRunner {
  constructor(
    private readonly cliStore: CliStore,
    @Inject(CLI_IO) private readonly io: CliIo,
  ) {
    super();
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    const dto = await validTerms(file);
    const contractId = randomUUID();
    // 5.2: encrypted before the domain, as the service does; the events never hold party details in clear.
    const command = await protectCommand(await this.cliStore.partyKeys(), contractId, { type: 'DraftContract', contractId, terms: toContractTerms(dto) });
    const outcome = await runContractCommand({
      store: await this.cliStore.store(),
      contractId,
      command,
      meta: { commandId: randomUUID(), correlationId: randomUUID(), actor: options.actor ?? `cli:${osUser(this.io.env)}` },
      clock: () => Temporal.Now.instant(),
      calendars: chinaCalendarCatalog,
    });
    this.io.out(options.format === 'text' ? `${contractId}\n` : toJson({ id: contractId, revision: outcome.revision }));
  }

  @Option({ flags: '--actor <name>', description: 'who imports, recorded in the event metadata (default cli:<os user>)' })
  parseActor(value: string): string {
    if (value.trim() === '') throw new CliInputError('--actor', 'must name someone');
    return value.trim();
  }

  @Option({ flags: '--format <format>', description: 'json ({id, revision}) or text (the id alone)', defaultValue: 'json' })
  parseFormat(value: string): OutputFormat {
    return parseFormat(value);
  }
}

async function validTerms(file: string): Promise<DraftContractDto> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliInputError('<terms.json>', `${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliInputError('<terms.json>', `${file} must hold one JSON object (the terms)`);
  }
  const dto = plainToInstance(DraftContractDto, json);
  // The options of the service's ProblemValidationPipe: a typo must not pass silently.
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length) {
    const faults = fieldErrors(errors);
    throw new CliInputError('<terms.json>', `${file} has ${faults.length} invalid field${faults.length === 1 ? '' : 's'}:\n${faults.map((f) => `  ${f.field}: ${f.message}`).join('\n')}`);
  }
  return dto;
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}
