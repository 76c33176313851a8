import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CalendarCatalog, type ContractState, formatInstant, DEFAULT_TIME_ZONE, type PortfolioQuery, Temporal } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { Clock } from '../clock';
import { CALENDARS } from '../core/calendars';
import { ProblemException } from '../http/problem-details';
import { EVENT_STORE } from '../store/event-store.provider';
import { loadPortfolio } from './load-portfolio';
import type { ContractScope } from '../access/contract-parties';

export type PortfolioReport<R> = (states: readonly ContractState[], query: PortfolioQuery) => R;

/** One of the domain's portfolio reports over every contract, at asOf (default: the server clock). */
export class GetPortfolioReport<R> extends Query<R> {
  constructor(
    readonly report: PortfolioReport<R>,
    readonly asOf?: Temporal.Instant,
    /** The contracts the caller may see; undefined = all. */
    readonly scope?: ContractScope,
  ) {
    super();
  }
}

@QueryHandler(GetPortfolioReport)
export class GetPortfolioReportHandler implements IQueryHandler<GetPortfolioReport<unknown>, unknown> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ report, asOf, scope }: GetPortfolioReport<unknown>): Promise<unknown> {
    const now = this.clock.now();
    // A report says what has happened; a future asOf would present guesses (late days not yet
    // started, inspections not yet missed) as facts.
    if (asOf && Temporal.Instant.compare(asOf, now) > 0) {
      const message = `asOf ${formatInstant(asOf, DEFAULT_TIME_ZONE)} is later than the server clock (${formatInstant(now, DEFAULT_TIME_ZONE)}); a report covers only time that has passed`;
      throw new ProblemException(400, 'as-of-in-future', message, [{ field: 'asOf', message }]);
    }
    const { states, query } = await loadPortfolio(this.store, this.calendars, asOf ?? now, asOf !== undefined, scope);
    return report(states, query);
  }
}
