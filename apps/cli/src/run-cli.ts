import { Injectable, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { type CommandRunner, CommandFactory, CommandRunnerService, InjectCommander } from 'nest-commander';
import { DomainError } from '@app/contracts-domain';
import { EventStoreConfigError } from '@app/event-store';
import { ServiceConfigError } from '../../contracts/src/service-config';
import { CLI_IO, CliInputError, type CliIo, CliOutcome, EXIT, type ExitCode } from './cli-io';
import { CliStore } from './cli-store';

// Runs one command line to its exit code without touching process.exit, so main.ts and the tests
// share one path. nest-commander builds the commander tree from the @Command classes; here every
// command in that tree is told to throw instead of exiting and to write where `io` says.

/** The commander tree nest-commander built (its root command), to configure before parsing. */
@Injectable()
class CommanderTree {
  constructor(@InjectCommander() readonly root: CommanderCommand) {}
}

type CommanderCommand = {
  name(name: string): unknown;
  exitOverride(): unknown;
  configureOutput(config: { writeOut(s: string): void; writeErr(s: string): void }): unknown;
  description(text: string): unknown;
  commands: readonly CommanderCommand[];
};

interface CommanderErrorLike {
  code: string;
  exitCode: number;
}

export const CLI_NAME = 'contracts';

export async function runCli(args: readonly string[], io: CliIo, commands: Type<CommandRunner>[], providers: Provider[] = []): Promise<ExitCode> {
  const module: DynamicModule = {
    module: class CliRunModule {},
    providers: [{ provide: CLI_IO, useValue: io }, CliOutcome, CliStore, CommanderTree, ...providers, ...commands],
  };
  let failure: unknown;
  const app = await CommandFactory.createWithoutRunning(module, {
    logger: false,
    serviceErrorHandler: (error) => {
      failure = error;
    },
  });
  try {
    configure(app.get(CommanderTree).root, io);
    await app.get(CommandRunnerService).run(['node', CLI_NAME, ...args]);
  } finally {
    await app.close();
  }
  if (failure !== undefined) return exitCodeFor(failure, io);
  return app.get(CliOutcome).code;
}

function configure(root: CommanderCommand, io: CliIo): void {
  root.name(CLI_NAME);
  root.description('Contract history for finance and legal: replay, explain penalties, verify the hash chain, export and verify audit bundles, import terms, calendars.');
  const walk = (command: CommanderCommand) => {
    command.exitOverride();
    command.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    command.commands.forEach(walk);
  };
  walk(root);
}

function exitCodeFor(error: unknown, io: CliIo): ExitCode {
  if (isCommanderError(error)) {
    // commander has already printed its message (unknown option, missing argument) or the help.
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof CliInputError || error instanceof ServiceConfigError || error instanceof EventStoreConfigError) {
    io.err(`error: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof DomainError && error.kind !== 'conflict') {
    io.err(`error: ${error.field ? `${error.field}: ` : ''}${error.message}\n`);
    return EXIT.badInput;
  }
  io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failed;
}

function isCommanderError(error: unknown): error is CommanderErrorLike {
  return error instanceof Error && error.name === 'CommanderError' && typeof (error as Partial<CommanderErrorLike>).exitCode === 'number';
}
