import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { Clock, SystemClock } from '../clock';
import { EVENT_STORE } from '../store/event-store.provider';
import { AuditBundleBodyReader } from './audit-bundle-body.middleware';
import { ExportAuditBundleHandler } from './audit-bundle.queries';
import { AuditBundlesController } from './audit-bundles.controller';

// The audit export and its verification. It only reads the store, so it is handed the store the
// root module opened (and its clock, for generatedAt) rather than opening anything.

@Module({})
export class AuditModule implements NestModule {
  static forRoot({ store, clock }: { store: EventStore; clock?: Clock }): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditBundlesController],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        ExportAuditBundleHandler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditBundleBodyReader).forRoutes({ path: 'audit-bundles/verification', method: RequestMethod.POST });
  }
}
