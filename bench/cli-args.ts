import { SCENARIO_IDS, type ScenarioId } from './scenarios/scenario';
import { isScenarioId } from './scenarios/registry';
import { type Scale, scaleNamed } from './scale';

// `npm run bench -- [scenario…] [--scale small|full] [--seed N] [--out path]`

export interface BenchArgs {
  scenarios: ScenarioId[];
  scale: Scale;
  seed: number;
  out: string;
}

export const DEFAULT_OUT = 'docs/benchmarks.md';
export const DEFAULT_SEED = 20_211_015;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const scenarios: ScenarioId[] = [];
  let scale = scaleNamed('full');
  let seed = DEFAULT_SEED;
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--scale') scale = scaleNamed(value());
    else if (arg.startsWith('--scale=')) scale = scaleNamed(arg.slice('--scale='.length));
    else if (arg === '--seed') seed = seedOf(value());
    else if (arg === '--out') out = value();
    else if (isScenarioId(arg)) scenarios.push(arg);
    else throw new Error(`unknown argument ${JSON.stringify(arg)}; scenarios: ${SCENARIO_IDS.join(', ')}; options: --scale small|full, --seed N, --out path`);
  }
  return { scenarios: scenarios.length ? [...new Set(scenarios)] : [...SCENARIO_IDS], scale, seed, out };
}

function seedOf(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw new Error(`--seed must be a whole number up to 4294967295, not ${JSON.stringify(text)}`);
  return Number(text);
}
