import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { inspectionQuotas, overdueObligations, responseTimes, Temporal, terminationRisk } from '@app/contracts-domain';
import { ApiProblems } from '../http/api-docs.decorators';
import { GetPortfolioReport, type PortfolioReport } from './portfolio-report.query';
import { ReportQueryDto } from './report-query.dto';
import { InspectionQuotasResponse, OverdueObligationsResponse, ResponseTimesResponse, TerminationRiskResponse } from './report-responses.dto';
import type { Principal } from '@app/access';
import { ContractParties } from '../access/contract-parties';
import { CurrentPrincipal, Requires } from '../access/requires.decorator';

// Finance and legal look across every contract at once. Each figure is derived from the
// contracts' streams as at asOf, with every late day started by then counted.

@ApiTags('reports')
@Controller('reports')
export class PortfolioReportsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly parties: ContractParties,
  ) {}

  @Get('termination-risk')
  @Requires('report.read')
  @ApiOperation({
    summary: "Contracts where a party's accrued penalties reached 75 % of the 5.1 termination threshold",
    description: 'Per party: accrued, threshold, share used, late days still to go until the total exceeds the threshold. Terminated contracts are listed apart.',
  })
  @ApiOkResponse({ type: TerminationRiskResponse })
  @ApiProblems(400)
  terminationRisk(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.run(terminationRisk, query, principal);
  }

  @Get('overdue-obligations')
  @Requires('report.read')
  @ApiOperation({ summary: 'Every obligation unmet past its deadline, grouped by the party that owes it, with days overdue and the penalty so far' })
  @ApiOkResponse({ type: OverdueObligationsResponse })
  @ApiProblems(400)
  overdueObligations(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.run(overdueObligations, query, principal);
  }

  @Get('response-times')
  @Requires('service-report.read')
  @ApiOperation({ summary: 'Fault response and on-site arrival compliance per contract and priority: on time, late (with the delays), open, overdue' })
  @ApiOkResponse({ type: ResponseTimesResponse })
  @ApiProblems(400)
  responseTimes(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.run(responseTimes, query, principal);
  }

  @Get('inspection-quotas')
  @Requires('service-report.read')
  @ApiOperation({ summary: 'Remote and on-site inspection and training quotas per contract: periods due, met on time, made up late, released, missed, open' })
  @ApiOkResponse({ type: InspectionQuotasResponse })
  @ApiProblems(400)
  inspectionQuotas(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.run(inspectionQuotas, query, principal);
  }

  private run<R>(report: PortfolioReport<R>, query: ReportQueryDto, principal: Principal): Promise<R> {
    const asOf = query.asOf === undefined ? undefined : Temporal.Instant.from(query.asOf);
    return this.queryBus.execute(new GetPortfolioReport(report, asOf, this.parties.scopeOf(principal)));
  }
}
