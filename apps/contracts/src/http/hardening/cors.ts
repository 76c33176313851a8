import type { NestExpressApplication } from '@nestjs/platform-express';

// Cross-origin calls from browsers are refused by default (no CORS headers at all): the API's
// clients are servers and the tools of the parties, not arbitrary web pages. CORS_ORIGINS names
// the web front ends that may call it.

/** Headers a browser script may read: concurrency (ETag), created resources, back-off hints. */
const EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'Content-Disposition'];

export function useCors(app: NestExpressApplication, origins: readonly string[] | undefined): void {
  if (!origins?.length) return;
  app.enableCors({
    origin: [...origins], // exact matches only: the cors package compares each entry with Origin
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false, // no cookies: credentials travel in headers the caller sets itself
    maxAge: 600,
  });
}
