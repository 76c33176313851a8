import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock } from '../clock';
import { SERVICE_CONFIG, type ServiceConfig } from '../service-config';
import { AccrueAllContracts, type AccrualRunResult } from './accrue-all-contracts.handler';

/**
 * Brings every contract up to the server clock every ACCRUAL_INTERVAL_SECONDS, so penalties and
 * 5.1 terminations are recorded without anyone asking. Several instances may tick at once: the
 * expected-revision check and the domain's idempotence make the extra runs append nothing.
 */
@Injectable()
export class AccrualScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AccrualScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.accrualIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref(); // never what keeps the process alive
    this.logger.log(`accrual runs every ${seconds} s`);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running; // let a run in flight finish before the store closes
  }

  /** One run as of the server clock; undefined when the previous run is still going (the tick is skipped). */
  async tick(): Promise<AccrualRunResult | undefined> {
    if (this.running) {
      this.logger.warn('previous accrual run still in progress; skipping this tick');
      return undefined;
    }
    const run = this.runOnce();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }

  private async runOnce(): Promise<AccrualRunResult | undefined> {
    const runId = randomUUID();
    try {
      const asOf = this.clock.now().toString();
      const result = await this.commandBus.execute(
        new AccrueAllContracts(asOf, { commandId: runId, correlationId: runId, actor: 'accrual-scheduler' }),
      );
      if (result.failures.length) this.logger.error(`accrual as of ${asOf}: ${result.failures.length} of ${result.contracts} contracts failed`, JSON.stringify(result.failures));
      else if (result.appended) this.logger.log(`accrual as of ${asOf}: ${result.appended} events over ${result.contracts} contracts`);
      return result;
    } catch (error) {
      this.logger.error('accrual run failed', error instanceof Error ? error.stack : String(error));
      return undefined;
    }
  }
}
