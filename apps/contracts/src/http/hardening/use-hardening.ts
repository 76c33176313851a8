import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceConfig } from '../../service-config';
import { useCors } from './cors';
import { useSecurityHeaders } from './security-headers';

/** The Express-level protections (headers, CORS); rate limiting is a guard (RateLimitModule). Call before init. */
export function useHardening(app: NestExpressApplication, config: ServiceConfig): void {
  useSecurityHeaders(app);
  useCors(app, config.corsOrigins);
}
