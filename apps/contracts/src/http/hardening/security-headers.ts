import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { HttpRequest, HttpResponse, NextFunction } from '../http-types';

// helmet's headers on every response. The API answers JSON, CSV and spreadsheets, never a page, so
// its content security policy allows nothing at all; only the Swagger UI under /docs is a page,
// and it gets the smallest policy it renders with.

/** What the Swagger UI page needs: its own scripts and stylesheet, the inline <style> blocks of
 * its HTML, data: icons, and same-origin calls for "Try it out". */
const DOCS_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: a service reached over plain HTTP on a private address would
  // have its own assets rewritten to https and the page would stay blank.
  upgradeInsecureRequests: null,
};

/** Nothing may load, run or frame a JSON answer, even if a browser is tricked into rendering one. */
const API_POLICY = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null };

export function useSecurityHeaders(app: NestExpressApplication): void {
  const forDocs = helmet({ contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY } });
  const forApi = helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_POLICY } });
  app.use((request: HttpRequest, response: HttpResponse, next: NextFunction) => {
    const handler = isDocs(request.url) ? forDocs : forApi;
    (handler as unknown as (req: HttpRequest, res: HttpResponse, next: NextFunction) => void)(request, response, next);
  });
}

/** /docs, /docs/ and its assets (/docs/swagger-ui.css …); /docs-json and /docs-yaml are data, not pages. */
function isDocs(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === '/docs' || path.startsWith('/docs/');
}
