import type { Clock } from '../../clock';

// The projector knows neither time nor history: it retries and moves on. This remembers, for the
// operational view, what it went through since the process started: every restart (with when and
// why) and the last time it wrote read models. Fed by the projector's onError / onFlushed /
// onCaughtUp hooks (read-models.provider.ts); lost on restart, which the view says (null = not yet).

export interface ProjectionActivitySnapshot {
  failuresTotal: number;
  consecutiveFailures: number;
  lastFailureAt: string | null;
  lastError: string | null;
  lastSuccessAt: string | null;
}

export class ProjectionActivity {
  private failuresTotal = 0;
  private consecutiveFailures = 0;
  private lastFailureAt: string | null = null;
  private lastError: string | null = null;
  private lastSuccessAt: string | null = null;

  constructor(private readonly clock: Clock) {}

  /** A run failed; the projector restarts from its checkpoint. */
  failed(error: unknown): void {
    this.failuresTotal += 1;
    this.consecutiveFailures += 1;
    this.lastFailureAt = this.clock.now().toString();
    // The message only: a stack would make the JSON unreadable and says nothing to an operator.
    this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }

  /** Events were projected and written. */
  flushed(): void {
    this.lastSuccessAt = this.clock.now().toString();
    this.consecutiveFailures = 0;
  }

  /** A run caught up: healthy again even when nothing new was there to write. */
  caughtUp(): void {
    this.consecutiveFailures = 0;
  }

  snapshot(): ProjectionActivitySnapshot {
    return {
      failuresTotal: this.failuresTotal,
      consecutiveFailures: this.consecutiveFailures,
      lastFailureAt: this.lastFailureAt,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt,
    };
  }
}
