import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AuditBundleBodyReader } from './audit-bundle-body.middleware';
import { ExportAuditBundleHandler } from './audit-bundle.queries';
import { AuditBundlesController } from './audit-bundles.controller';

// The audit export and its verification. It only reads the store CoreModule opened (with its
// clock, for generatedAt, and its calendars, for the receipts) rather than opening anything.

@Module({
  controllers: [AuditBundlesController],
  providers: [ExportAuditBundleHandler],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditBundleBodyReader).forRoutes({ path: 'audit-bundles/verification', method: RequestMethod.POST });
  }
}
