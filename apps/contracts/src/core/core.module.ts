import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type CalendarCatalog, chinaCalendarCatalog } from '@app/contracts-domain';
import { Clock, SystemClock } from '../clock';
import { SERVICE_CONFIG, type ServiceConfig } from '../service-config';
import { EVENT_STORE, EventStoreCloser, OPENED_STORE, type OpenedStore } from '../store/event-store.provider';
import { CALENDARS } from './calendars';
import { SubscriberRegistry } from './subscriber-registry';

export interface CoreModuleOptions {
  config: ServiceConfig;
  /** Opened by createApp (so a bad EVENT_STORE_URL fails before Nest starts); closed on shutdown. */
  opened: OpenedStore;
  /** Replaces the system clock, e.g. in tests. */
  clock?: Clock;
  /** Replaces the calendar versions this build ships (chinaCalendarCatalog), e.g. in tests. */
  calendars?: CalendarCatalog;
}

/**
 * What every feature module shares: the configuration, the one open store, the clock, the
 * calendar catalog and the registry of subscribers. Global, so each feature module is a plain list of controllers and handlers
 * instead of re-providing the store and repeating the clock fallback; given once, so a test that
 * swaps the clock or the catalog swaps it everywhere.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot({ config, opened, clock, calendars }: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: OPENED_STORE, useValue: opened },
        { provide: EVENT_STORE, useValue: opened.store },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        { provide: CALENDARS, useValue: calendars ?? chinaCalendarCatalog },
        EventStoreCloser,
        SubscriberRegistry,
      ],
      exports: [SERVICE_CONFIG, OPENED_STORE, EVENT_STORE, Clock, CALENDARS, SubscriberRegistry],
    };
  }
}
