import { CalendarCommand, CalendarShowCommand, CalendarValidateCommand, CalendarVersionsCommand } from './calendar/calendar.command';
import { ExplainCommand } from './commands/explain.command';
import { ExportCommand } from './commands/export.command';
import { ImportCommand } from './commands/import.command';
import { ReplayCommand } from './commands/replay.command';
import { RewrapKeysCommand } from './commands/rewrap-keys.command';
import { VerifyBundleCommand } from './commands/verify-bundle.command';
import { VerifyCommand } from './commands/verify.command';

// Every command of `contracts`, in the order `--help` lists them.
export const CLI_COMMANDS = [
  ReplayCommand,
  ExplainCommand,
  VerifyCommand,
  ExportCommand,
  VerifyBundleCommand,
  ImportCommand,
  RewrapKeysCommand,
  CalendarCommand,
  CalendarVersionsCommand,
  CalendarShowCommand,
  CalendarValidateCommand,
];
