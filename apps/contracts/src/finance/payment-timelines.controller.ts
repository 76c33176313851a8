import { Controller, Get, Headers, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type PaymentTimeline, Temporal } from '@app/contracts-domain';
import { Clock } from '../clock';
import { ApiProblems } from '../http/api-docs.decorators';
import { ContractIdParam } from '../contracts/contract-id.pipe';
import { PaymentTimelineQueryDto, PaymentTimelinesQueryDto } from './payment-timeline-query.dto';
import { GetPaymentTimeline, ListPaymentTimelines } from './payment-timeline.queries';
import { renderTimelinesCsv } from './render/payment-timeline.csv';
import { renderTimelinesXlsx } from './render/payment-timeline.xlsx';
import { attachmentName, CSV_TYPE, negotiateFormat, type TimelineFormat, XLSX_TYPE } from './timeline-format';
import type { Principal } from '@app/access';
import { ContractParties } from '../access/contract-parties';
import { CurrentPrincipal, Requires } from '../access/requires.decorator';

const ApiTimelineFormats = () => ApiProduces('application/json', 'text/csv', XLSX_TYPE);
const ApiAccept = () => ApiHeader({ name: 'Accept', required: false, description: `text/csv or ${XLSX_TYPE} when ?format= is not given` });

@ApiTags('finance')
@Controller()
export class PaymentTimelinesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly clock: Clock,
    private readonly parties: ContractParties,
  ) {}

  @Get('contracts/:id/payment-timeline')
  @Requires('payment-timeline.read')
  @ApiOperation({
    summary: "The contract's payment timeline: invoices, trigger, due date counted day by day, payments, late days and their cost",
    description: 'JSON by default; `?format=csv|xlsx` (or the Accept header) gives a download. With `asOf`: only facts that happened by then.',
  })
  @ApiTimelineFormats()
  @ApiAccept()
  @ApiProblems(400, 404)
  async one(@ContractIdParam() id: string, @Query() query: PaymentTimelineQueryDto, @Headers('accept') accept?: string) {
    const timeline = await this.queryBus.execute(new GetPaymentTimeline(id, instant(query.asOf)));
    const format = negotiateFormat(query.format, accept);
    if (format === 'json') return timeline;
    return download([timeline], format, `payment-timeline-${timeline.contractNo}-${timeline.asOf.slice(0, 10)}`);
  }

  @Get('payment-timelines')
  @Requires('payment-timeline.read')
  @ApiOperation({
    summary: "Every contract's payment timeline (the portfolio), optionally only those in one payment status",
    description: 'JSON `{items}` by default; CSV and the workbook hold every contract, each row naming its contract.',
  })
  @ApiTimelineFormats()
  @ApiAccept()
  @ApiProblems(400)
  async portfolio(@Query() query: PaymentTimelinesQueryDto, @CurrentPrincipal() principal: Principal, @Headers('accept') accept?: string) {
    const asOf = instant(query.asOf);
    const timelines = await this.queryBus.execute(new ListPaymentTimelines(asOf, query.status, this.parties.scopeOf(principal)));
    const format = negotiateFormat(query.format, accept);
    if (format === 'json') return { items: timelines };
    const day = (asOf ?? this.clock.now()).toString().slice(0, 10);
    return download(timelines, format, `payment-timelines-${query.status ?? 'all'}-${day}`);
  }
}

const instant = (text: string | undefined) => (text === undefined ? undefined : Temporal.Instant.from(text));

async function download(timelines: PaymentTimeline[], format: Exclude<TimelineFormat, 'json'>, stem: string): Promise<StreamableFile> {
  const body = format === 'csv' ? renderTimelinesCsv(timelines) : await renderTimelinesXlsx(timelines);
  return new StreamableFile(body, {
    type: format === 'csv' ? CSV_TYPE : XLSX_TYPE,
    disposition: `attachment; filename="${attachmentName(stem, format)}"`,
    length: body.length,
  });
}
