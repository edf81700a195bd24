import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Args, Context, GraphQLModule, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { JsonScalar } from '../apps/api/src/graphql/scalars/json.scalar.js';
import {
  ASSESSMENT_PAGE_SQL,
  SAVE_SQL,
  VENDOR_PAGE_SQL,
  saveParameters,
  savedAnswers,
  toAssessmentNode,
  toVendorNodes,
  type SaveInput,
} from './baseline-sql.js';

/**
 * The floor of the stack Assay is built on: the baselines' own SQL statements and JSON shaping,
 * served as GraphQL by NestJS, Apollo Server and Express, with TypeORM's connection pool, and
 * nothing of Assay (no authentication, no row-level security, no unit of work, no input
 * validation, no logging or metrics). What any API on this stack pays for the same page before
 * it does anything of its own. Never a way to run Assay: only `npm run bench` starts it.
 */
const typeDefs = `
  type Query {
    vendors(first: Int): VendorConnection!
    assessments(first: Int): AssessmentConnection!
  }
  type VendorConnection { nodes: [Vendor!]! }
  type Vendor {
    id: ID!
    name: String!
    tier: String!
    riskOwner: Member
    agreementCoverage: Coverage!
  }
  type Member { user: User! }
  type User { email: String! }
  type Coverage { compliant: Boolean! regimes: [RegimeCoverage!]! }
  type RegimeCoverage { regime: String! status: String! missingClauseIds: [String!]! }
  type AssessmentConnection { nodes: [Assessment!]! }
  type Assessment {
    id: ID!
    overallScore: Float
    openFindingCount: Int!
    vendor: VendorName!
  }
  type VendorName { name: String! }
  scalar JSON
  input AnswerInput { questionKey: String! value: JSON expectedRevision: Int! }
  input SaveAnswersInput { assessmentId: ID! answers: [AnswerInput!]! }
  type Mutation { saveAnswers(input: SaveAnswersInput!): SaveAnswersPayload! }
  type SaveAnswersPayload { answers: [SavedAnswer!]! }
  type SavedAnswer { questionKey: String! revision: Int! }
`;

@Resolver()
class FloorResolver {
  private readonly organizationId = process.env.BENCH_ORGANIZATION_ID!;

  constructor(private readonly dataSource: DataSource) {}

  @Query('vendors')
  async vendors(@Args('first', { type: () => Int }) first: number) {
    const rows = await this.dataSource.query(VENDOR_PAGE_SQL, [this.organizationId, first]);
    return { nodes: toVendorNodes(rows) };
  }

  @Query('assessments')
  async assessments(@Args('first', { type: () => Int }) first: number) {
    const rows = await this.dataSource.query(ASSESSMENT_PAGE_SQL, [this.organizationId, first]);
    return { nodes: rows.map(toAssessmentNode) };
  }

  /** The vendor contact comes from a header, as in the bare baseline: no session. */
  @Mutation('saveAnswers')
  async saveAnswers(@Args('input') input: SaveInput, @Context('req') req: Request) {
    const contactId = String(req.headers['x-contact-id']);
    const rows = await this.dataSource.query(
      SAVE_SQL,
      saveParameters(this.organizationId, input, contactId),
    );
    const saved = savedAnswers(input, rows);
    if (!saved) throw new GraphQLError('stale', { extensions: { code: 'CONFLICT' } });
    return saved;
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      typeDefs,
      resolvers: { JSON: JsonScalar },
      // As Assay runs it: no per-field cache hints, which nothing here would read.
      plugins: [ApolloServerPluginCacheControlDisabled()],
    }),
  ],
  providers: [
    FloorResolver,
    {
      provide: DataSource,
      useFactory: () =>
        new DataSource({
          type: 'postgres',
          url: process.env.DATABASE_URL,
          extra: { max: 10 },
        }).initialize(),
    },
  ],
})
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(FloorModule, { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.send?.('ready');
}

void main();
