import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, TransactionalConnection } from '#core';
import { AuthenticationService, IdentityModule } from '#identity';
import { AccessGuard } from './access/access.guard.js';
import { formatGraphqlError } from './error-formatter.js';
import { GraphqlExceptionFilter } from './graphql-exception.filter.js';
import { graphqlContextFactory } from './graphql-context.js';
import { graphqlArmor } from './limits.js';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin.js';
import { ListPrefetchRegistry } from './relay/list-prefetch.js';
import { NodeRegistry } from './relay/node-registry.js';
import { NodeResolver } from './relay/node.resolver.js';
import { unitOfWorkPlugin } from './unit-of-work.plugin.js';
import { InputValidationPipe } from './validation.pipe.js';

/** Apollo Server 5 at /graphql, code-first, with the limits and error mapping of DESIGN.md. */
@Global()
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [IdentityModule],
      inject: [AppConfig, TransactionalConnection, AuthenticationService],
      useFactory: (
        config: AppConfig,
        connection: TransactionalConnection,
        authentication: AuthenticationService,
      ): ApolloDriverConfig => {
        const armor = graphqlArmor(config);
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { dateScalarMode: 'isoDate' },
          context: graphqlContextFactory(connection, authentication),
          parseOptions: { maxTokens: config.graphql.maxTokens },
          introspection: config.graphql.introspection,
          graphiql: !config.isProduction,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: config.isProduction,
          allowBatchedHttpRequests: false,
          csrfPrevention: true,
          autoTransformHttpErrors: false,
          formatError: formatGraphqlError,
          // graphql-armor is typed against Apollo's CommonJS build; the objects are the same.
          plugins: [
            // No HTTP cache hints are set: without this, Apollo wraps every field's resolver.
            ApolloServerPluginCacheControlDisabled(),
            unitOfWorkPlugin,
            graphqlMetricsPlugin,
            ...(armor.plugins as unknown as NonNullable<ApolloDriverConfig['plugins']>),
          ],
          validationRules: armor.validationRules,
        };
      },
    }),
  ],
  providers: [
    NodeRegistry,
    ListPrefetchRegistry,
    NodeResolver,
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [NodeRegistry, ListPrefetchRegistry],
})
export class GraphqlApiModule {}
