import { accrualScenario } from './accrual.scenario';
import { appendScenario } from './append.scenario';
import { httpScenario } from './http.scenario';
import { memoryScenario } from './memory.scenario';
import { rebuildScenario } from './rebuild.scenario';
import { replayScenario } from './replay.scenario';
import { SCENARIO_IDS, type ScenarioContext, type ScenarioId, type ScenarioResult } from './scenario';

// The six scenarios in its order, by the name `npm run bench -- <scenario>` takes.

export const SCENARIOS: Record<ScenarioId, (ctx: ScenarioContext) => Promise<ScenarioResult>> = {
  append: appendScenario,
  http: (ctx) => httpScenario(ctx),
  accrual: (ctx) => accrualScenario(ctx),
  rebuild: (ctx) => rebuildScenario(ctx),
  replay: (ctx) => replayScenario(ctx),
  memory: (ctx) => memoryScenario(ctx),
};

export function isScenarioId(name: string): name is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(name);
}
