import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The base URL the client used, for the links the catalog and AsyncAPI document hand out: the
 * Host header and the socket's TLS. Behind a TLS-terminating proxy the links would say http:
 * PUBLIC_BASE_URL, when set, replaces this (see EventCatalogController).
 */
export function requestBaseUrl(req: IncomingMessage): string {
  const protocol = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  return `${protocol}://${req.headers.host ?? 'localhost'}`;
}
