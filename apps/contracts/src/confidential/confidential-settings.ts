import { type Kek, KekConfigError, parseKek } from '@app/confidential';

// CONFIDENTIAL_KEK and CONFIDENTIAL_KEK_PREVIOUS: the key-encryption keys (base64 of 32 bytes,
// each named by the first 8 hex digits of its SHA-256). Read with the rest of the configuration,
// so a malformed key stops the start with every other problem, and never shows in a message.

export interface ConfidentialSettings {
  /** Unset: the embedded store keeps a generated one in DATA_DIR; a PostgreSQL store refuses to start. */
  kek?: Kek;
  /** Older KEKs still unwrapping data keys until `rewrap` moved them (rotation). */
  previousKeks: Kek[];
}

export function readConfidentialSettings(env: NodeJS.ProcessEnv, problems: string[]): ConfidentialSettings {
  const parse = (text: string, name: string): Kek[] => {
    try {
      return [parseKek(text, name)];
    } catch (error) {
      if (!(error instanceof KekConfigError)) throw error;
      problems.push(error.message);
      return [];
    }
  };
  const current = env.CONFIDENTIAL_KEK?.trim() ? parse(env.CONFIDENTIAL_KEK, 'CONFIDENTIAL_KEK')[0] : undefined;
  const previousKeks = (env.CONFIDENTIAL_KEK_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .flatMap((text, i) => parse(text, `CONFIDENTIAL_KEK_PREVIOUS (entry ${i + 1})`));
  if (previousKeks.length > 0 && !current && !problems.some((p) => p.startsWith('CONFIDENTIAL_KEK '))) {
    problems.push('CONFIDENTIAL_KEK_PREVIOUS is set but CONFIDENTIAL_KEK is not: rotation needs the new current key');
  }
  return { kek: current, previousKeks };
}
