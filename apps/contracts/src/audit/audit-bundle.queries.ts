import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type AuditBundle, type AuditBundleScope, buildAuditBundle } from '@app/audit';
import type { CalendarCatalog } from '@app/contracts-domain';
import type { EventStore } from '@app/event-store';
import { Clock } from '../clock';
import { CALENDARS } from '../core/calendars';
import { EVENT_STORE } from '../store/event-store.provider';
import type { ContractScope } from '../access/contract-parties';

/** One contract's bundle, or every contract touched in a period; generated at the server clock's now. */
export class ExportAuditBundle extends Query<AuditBundle> {
  constructor(
    readonly scope: AuditBundleScope,
    /** The contracts the caller may see; undefined = all. */
    readonly contracts?: ContractScope,
  ) {
    super();
  }
}

@QueryHandler(ExportAuditBundle)
export class ExportAuditBundleHandler implements IQueryHandler<ExportAuditBundle, AuditBundle> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(CALENDARS) private readonly calendars: CalendarCatalog,
  ) {}

  execute({ scope, contracts }: ExportAuditBundle): Promise<AuditBundle> {
    return buildAuditBundle(this.store, scope, { generatedAt: this.clock.now().toString(), calendars: this.calendars, ...(contracts ? { include: contracts } : {}) });
  }
}
