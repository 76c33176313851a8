import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { verifyAuditBundle } from '@app/audit';
import { ContractIdParam } from '../contracts/contract-id.pipe';
import { ApiProblems } from '../http/api-docs.decorators';
import { ProblemException } from '../http/problem-details';
import { AUDIT_BUNDLE_BODY_LIMIT_BYTES } from './audit-bundle-body.middleware';
import { AuditPeriodQueryDto } from './audit-bundle-query.dto';
import { ExportAuditBundle } from './audit-bundle.queries';
import { AUDIT_BUNDLE_MEDIA_TYPE, bundleDownload } from './bundle-download';
import type { Principal } from '@app/access';
import { ContractParties } from '../access/contract-parties';
import { CurrentPrincipal, Requires } from '../access/requires.decorator';

@ApiTags('audit')
@Controller()
export class AuditBundlesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly parties: ContractParties,
  ) {}

  @Get('contracts/:id/audit-bundle')
  @Requires('audit-bundle.export')
  @ApiOperation({
    summary: "The contract's audit bundle: terms, every event with its hashes, the ledger and receipts, the calendar data used, and a manifest with the chain head",
    description: 'A download (Content-Disposition: attachment). Verify it offline with `contracts verify-bundle <file>`, or here with POST /audit-bundles/verification.',
  })
  @ApiProduces(AUDIT_BUNDLE_MEDIA_TYPE)
  @ApiOkResponse({ description: 'the bundle, format contract-audit-bundle/1' })
  @ApiProblems(404)
  async one(@ContractIdParam() id: string) {
    return bundleDownload(await this.queryBus.execute(new ExportAuditBundle({ contractId: id })));
  }

  @Get('audit-bundles')
  @Requires('audit-bundle.export')
  @ApiOperation({
    summary: 'The audit bundle of a period: every contract with an event recorded or taking effect in [from, to), each with its whole stream',
    description: 'A contract is always bundled whole: its hash chain and ledger need every event before the period.',
  })
  @ApiProduces(AUDIT_BUNDLE_MEDIA_TYPE)
  @ApiOkResponse({ description: 'the bundle, format contract-audit-bundle/1' })
  @ApiProblems(400)
  async period(@Query() query: AuditPeriodQueryDto, @CurrentPrincipal() principal: Principal) {
    return bundleDownload(await this.queryBus.execute(new ExportAuditBundle({ from: query.from, to: query.to }, this.parties.scopeOf(principal))));
  }

  @Post('audit-bundles/verification')
  @Requires('audit-bundle.verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify an audit bundle: recompute every hash chain, the ledger, the receipts and the digests from the bundle alone',
    description: `200 with the report whether or not the bundle verifies (\`verified\`, \`firstFailure\`). Send ${AUDIT_BUNDLE_MEDIA_TYPE} (up to ${AUDIT_BUNDLE_BODY_LIMIT_BYTES / 1024 / 1024} MB) as the export names it; application/json is read up to the service-wide 256 kB.`,
  })
  @ApiConsumes(AUDIT_BUNDLE_MEDIA_TYPE, 'application/json')
  @ApiBody({ description: 'an audit bundle as exported', schema: { type: 'object' } })
  @ApiOkResponse({ description: 'the verification report: verified, checks [{contractId, check, ok, detail}], firstFailure' })
  @ApiProblems(400)
  verify(@Body() bundle: unknown) {
    if (bundle === undefined || bundle === null || typeof bundle !== 'object' || Object.keys(bundle).length === 0) {
      throw new ProblemException(400, 'missing-bundle', `Send the bundle as the body, as ${AUDIT_BUNDLE_MEDIA_TYPE} or application/json.`, [
        { field: '(body)', message: 'the body must be an audit bundle (a JSON object)' },
      ]);
    }
    return verifyAuditBundle(bundle);
  }
}
