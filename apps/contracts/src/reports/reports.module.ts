import { Module } from '@nestjs/common';
import { PortfolioReportsController } from './portfolio-reports.controller';
import { GetPortfolioReportHandler } from './portfolio-report.query';

// Portfolio reports only read the store CoreModule opened (with its clock, which bounds asOf, and
// its calendars) rather than opening anything.

@Module({
  controllers: [PortfolioReportsController],
  providers: [GetPortfolioReportHandler],
})
export class ReportsModule {}
