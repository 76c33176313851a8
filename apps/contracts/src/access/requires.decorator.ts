import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PERMISSIONS, type Permission, type Principal } from '@app/access';

export const PERMISSION_KEY = 'access:permission';
export const PUBLIC_KEY = 'access:public';

/** The one permission a route needs (libs/access permissions.ts); the guard refuses a route that names none. */
export const Requires = (permission: Permission) =>
  applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiSecurity('api-key'),
    ApiSecurity('bearer'),
    ApiUnauthorizedResponse({ description: 'no credentials, or not accepted (problem+json)' }),
    ApiForbiddenResponse({ description: `roles allowed: ${PERMISSIONS[permission].join(', ')} (problem+json)` }),
  );

/** Open to anyone who can reach the port: /health and /docs only. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The request's principal; routes run only after the guard has set it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route the access guard did not authenticate');
  return principal;
});
