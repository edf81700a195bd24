import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AssessmentService, FindingService, type Assessment, type Finding } from '#assessment';
import type { RequestContext } from '#core';
import { MemberService, type Membership } from '#identity';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

/** The findings raised in each assessment, oldest first. */
@Injectable()
export class FindingsByAssessmentLoader implements LoaderDefinition<string, Finding[]> {
  constructor(private readonly findings: FindingService) {}

  create(ctx: RequestContext): DataLoader<string, Finding[]> {
    return new DataLoader(async (ids) =>
      groupBy(ids, await this.findings.findingsOfAssessments(ctx, ids), (row) => row.assessmentId!),
    );
  }
}

/** Every finding of each vendor, oldest first. */
@Injectable()
export class FindingsByVendorLoader implements LoaderDefinition<string, Finding[]> {
  constructor(private readonly findings: FindingService) {}

  create(ctx: RequestContext): DataLoader<string, Finding[]> {
    return new DataLoader(async (ids) =>
      groupBy(ids, await this.findings.findingsOfVendors(ctx, ids), (row) => row.vendorId),
    );
  }
}

/** The open (OPEN or IN_REMEDIATION) findings of each vendor, oldest first. */
@Injectable()
export class OpenFindingsByVendorLoader implements LoaderDefinition<string, Finding[]> {
  constructor(private readonly findings: FindingService) {}

  create(ctx: RequestContext): DataLoader<string, Finding[]> {
    return new DataLoader(async (ids) =>
      groupBy(ids, await this.findings.findingsOfVendors(ctx, ids, true), (row) => row.vendorId),
    );
  }
}

@Injectable()
export class OpenFindingCountByVendorLoader implements LoaderDefinition<string, number> {
  constructor(private readonly findings: FindingService) {}

  create(ctx: RequestContext): DataLoader<string, number> {
    return new DataLoader(async (ids) => {
      const counts = await this.findings.openCountsByVendor(ctx, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }
}

@Injectable()
export class AssessmentByIdLoader implements LoaderDefinition<string, Assessment | null> {
  constructor(private readonly assessments: AssessmentService) {}

  create(ctx: RequestContext): DataLoader<string, Assessment | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.assessments.findByIds(ctx, ids)).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** Memberships (with their users) by id; null for one removed since. */
@Injectable()
export class MemberByIdLoader implements LoaderDefinition<string, Membership | null> {
  constructor(private readonly members: MemberService) {}

  create(ctx: RequestContext): DataLoader<string, Membership | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.members.findByIds(ctx, ids)).map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
