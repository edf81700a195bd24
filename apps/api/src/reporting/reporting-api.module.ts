import { Module } from '@nestjs/common';
import { ReportingModule } from '#reporting';

@Module({
  imports: [ReportingModule],
  providers: [],
})
export class ReportingApiModule {}
