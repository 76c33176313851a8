import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { CalendarCatalog, PaymentTimeline, PaymentTimelineStatus, Temporal } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { Clock } from '../clock';
import { unknownContract } from '../contracts/get-contract.query';
import { CALENDARS } from '../core/calendars';
import { EVENT_STORE } from '../store/event-store.provider';
import { loadPaymentTimeline, loadPortfolioTimelines } from './load-payment-timelines';
import type { ContractScope } from '../access/contract-parties';

/** One contract's payment timeline, now or as its facts stood at `asOf`. */
export class GetPaymentTimeline extends Query<PaymentTimeline> {
  constructor(
    readonly contractId: string,
    readonly asOf?: Temporal.Instant,
  ) {
    super();
  }
}

/** Every contract's payment timeline, optionally only those in one payment status. */
export class ListPaymentTimelines extends Query<PaymentTimeline[]> {
  constructor(
    readonly asOf?: Temporal.Instant,
    readonly status?: PaymentTimelineStatus,
    /** The contracts the caller may see; undefined = all. */
    readonly scope?: ContractScope,
  ) {
    super();
  }
}

@QueryHandler(GetPaymentTimeline)
export class GetPaymentTimelineHandler implements IQueryHandler<GetPaymentTimeline, PaymentTimeline> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ contractId, asOf }: GetPaymentTimeline): Promise<PaymentTimeline> {
    const timeline = await loadPaymentTimeline(this.store, this.calendars, contractId, asOf ?? this.clock.now(), asOf !== undefined);
    if (!timeline) throw unknownContract(contractId);
    return timeline;
  }
}

@QueryHandler(ListPaymentTimelines)
export class ListPaymentTimelinesHandler implements IQueryHandler<ListPaymentTimelines, PaymentTimeline[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  async execute({ asOf, status, scope }: ListPaymentTimelines): Promise<PaymentTimeline[]> {
    const timelines = await loadPortfolioTimelines(this.store, this.calendars, asOf ?? this.clock.now(), asOf !== undefined, scope);
    return status ? timelines.filter((t) => t.status === status) : timelines;
  }
}
