// What changed between two JSON-shaped values (two contract views), field by field, with paths a
// reader can follow: "penalties.customer", "obligations[payment].lateDays". Arrays of objects with
// an `id` are matched by id, so an obligation that appears or moves is not reported as every
// later element changing.

export interface FieldChange {
  path: string;
  /** undefined (absent from the JSON) when the field did not exist before. */
  before?: unknown;
  after?: unknown;
}

type Json = unknown;

const isRecord = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasIds = (items: Json[]) => items.every((item) => isRecord(item) && typeof item.id === 'string');

export function diffValues(before: Json, after: Json, options: { ignore?: readonly string[] } = {}): FieldChange[] {
  const changes: FieldChange[] = [];
  const ignored = new Set(options.ignore ?? []);
  walk(before, after, '', changes, ignored);
  return changes;
}

function walk(before: Json, after: Json, path: string, changes: FieldChange[], ignored: Set<string>): void {
  if (ignored.has(path)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, changes, ignored);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (hasIds(before) && hasIds(after)) {
      const byId = (items: Json[]) => new Map(items.map((item) => [(item as { id: string }).id, item]));
      const [was, is] = [byId(before), byId(after)];
      for (const id of new Set([...was.keys(), ...is.keys()])) walk(was.get(id), is.get(id), `${path}[${id}]`, changes, ignored);
      return;
    }
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], `${path}[${i}]`, changes, ignored);
    return;
  }
  if (!sameLeaf(before, after)) changes.push({ path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) });
}

/** Leaves, and a record or array replaced by something of another shape, compare as JSON text. */
function sameLeaf(before: Json, after: Json): boolean {
  return JSON.stringify(before) === JSON.stringify(after);
}
