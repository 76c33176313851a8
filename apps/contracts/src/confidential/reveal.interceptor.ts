import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import type { Principal } from '@app/access';
import { type DataKeyStore, type PartyKeys, reveal } from '@app/confidential';
import { Clock } from '../clock';
import { AuditBundlesController } from '../audit/audit-bundles.controller';
import { DATA_KEY_STORE, PARTY_KEYS } from './tokens';

/**
 * The one way out for confidential party data in JSON answers: each `enc:v1:` value becomes the
 * plaintext (for a principal with a need), masked (without), or "[erased]" (its key deleted), and
 * every plaintext shown is written to the access log before the answer leaves.
 *
 * Audit bundles are the exception: they carry the stored events byte for byte, ciphertext
 * included, because their hashes must verify. Exports (CSV, XLSX) and public events (SSE,
 * webhooks) carry no confidential field at all, so nothing there needs revealing.
 */
@Injectable()
export class RevealInterceptor implements NestInterceptor {
  constructor(
    @Inject(PARTY_KEYS) private readonly keys: PartyKeys,
    @Inject(DATA_KEY_STORE) private readonly store: DataKeyStore,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || context.getClass() === AuditBundlesController) return next.handle();
    const request = context.switchToHttp().getRequest<{ principal?: Principal; method: string; originalUrl: string }>();
    const response = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void; headersSent: boolean }>();
    return next.handle().pipe(mergeMap((body) => from(this.reveal(body, request, response))));
  }

  private async reveal(
    body: unknown,
    request: { principal?: Principal; method: string; originalUrl: string },
    response: { setHeader(name: string, value: string): void; headersSent: boolean },
  ): Promise<unknown> {
    const out = await reveal(body, request.principal, this.keys);
    // The same URL answers plaintext to one principal and masks to another: no cache may keep or share it.
    if (out.touched && !response.headersSent) response.setHeader('Cache-Control', 'private, no-store');
    if (out.revealed.length > 0) {
      const at = this.clock.now().toString({ smallestUnit: 'millisecond' });
      const route = `${request.method} ${request.originalUrl}`;
      // A reveal is shown only once it is logged: a failing log fails the answer.
      await this.store.recordAccess(out.revealed.map((r) => ({ ...r, at, principalId: request.principal!.id, route })));
    }
    return out.body;
  }
}
