// The verdict logic: every figure is read as a ratio to a baseline measured in the same run,
// against the target for that ratio. Pure, so its spec can pin every edge.

export interface Figure {
  label: string;
  value: number;
  /** e.g. 'events/s', 'ms', 'MiB'. */
  unit: string;
}

/** `>=`: ours/baseline must reach `ratio` (rates); `<=`: must stay within it (times, memory). */
export interface Target {
  relation: '>=' | '<=';
  ratio: number;
}

export type Verdict = 'pass' | 'short' | 'no-baseline' | 'info';

export interface Comparison {
  name: string;
  figure: Figure;
  baseline: Figure;
  /** figure / baseline; NaN when the baseline is zero or missing. */
  ratio: number;
  /** Undefined: reported for information, no target in the issue. */
  target?: Target;
  verdict: Verdict;
  /** For a short verdict: how far off, e.g. "needs ×1.42 more" or "×2.1 over". */
  gap?: string;
}

export function compare(name: string, figure: Figure, baseline: Figure, target?: Target): Comparison {
  const ratio = baseline.value > 0 && Number.isFinite(baseline.value) && Number.isFinite(figure.value) ? figure.value / baseline.value : Number.NaN;
  if (Number.isNaN(ratio)) return { name, figure, baseline, ratio, target, verdict: target ? 'no-baseline' : 'info' };
  if (!target) return { name, figure, baseline, ratio, verdict: 'info' };
  const met = target.relation === '>=' ? ratio >= target.ratio : ratio <= target.ratio;
  if (met) return { name, figure, baseline, ratio, target, verdict: 'pass' };
  // How much the figure would have to improve to meet the target.
  const factor = target.relation === '>=' ? target.ratio / ratio : ratio / target.ratio;
  const gap = target.relation === '>=' ? `needs ×${factor.toFixed(2)} the rate` : `needs ÷${factor.toFixed(2)}`;
  return { name, figure, baseline, ratio, target, verdict: 'short', gap };
}

export function describeTarget(target: Target | undefined): string {
  return target ? `${target.relation} ${target.ratio}×` : '—';
}

export function formatRatio(ratio: number): string {
  return Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(ratio >= 10 ? 1 : 3)}×`;
}

export function formatValue(figure: Figure): string {
  const digits = Math.abs(figure.value) >= 100 ? 0 : Math.abs(figure.value) >= 10 ? 1 : 2;
  return `${figure.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${figure.unit}`;
}

/** One line for the console: figure, baseline, ratio, target, verdict. */
export function comparisonLine(c: Comparison): string {
  const verdict = c.verdict === 'short' ? `SHORT (${c.gap})` : c.verdict.toUpperCase();
  return `${c.name}: ${formatValue(c.figure)} vs ${c.baseline.label} ${formatValue(c.baseline)} → ratio ${formatRatio(c.ratio)}, target ${describeTarget(c.target)}: ${verdict}`;
}
