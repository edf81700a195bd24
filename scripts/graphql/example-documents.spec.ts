import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { AppConfig } from '../../libs/core/src/config/app-config.js';
import {
  apiLimits,
  compileWithRelay,
  documentProblems,
  findExampleDocuments,
  type DocumentLimits,
  type ExampleDocument,
} from './example-documents.js';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('the example documents', () => {
  let schema: GraphQLSchema;
  let limits: DocumentLimits;
  let examples: ExampleDocument[];

  beforeAll(async () => {
    schema = buildSchema(await readFile(join(ROOT, 'schema.graphql'), 'utf8'));
    limits = apiLimits(AppConfig.load({}));
    examples = await findExampleDocuments(join(ROOT, 'examples'));
  });

  it('covers every journey, each document valid against schema.graphql and the limits', () => {
    const folders = new Set(examples.map((document) => document.path.split('/')[0]));
    expect([...folders].sort()).toEqual([
      'procurement',
      'relay',
      'risk-owner',
      'sign-in',
      'vendor',
    ]);
    for (const document of examples.filter((candidate) => !candidate.relayOnly)) {
      expect({
        path: document.path,
        problems: documentProblems(schema, document.source, limits),
      }).toEqual({ path: document.path, problems: [] });
    }
  });

  it('refuses a document asking for a field the schema lacks, saying where', () => {
    const problems = documentProblems(
      schema,
      'query VendorQuery($id: ID!) {\n  vendor(id: $id) {\n    name\n    nickname\n  }\n}',
      limits,
    );
    expect(problems).toEqual([
      '4:5: Cannot query field "nickname" on type "Vendor". Did you mean "name"?',
    ]);
  });

  it('refuses wrong variables, anonymous and multiple operations', () => {
    expect(
      documentProblems(schema, 'query VendorQuery($id: Int!) { vendor(id: $id) { name } }', limits),
    ).toEqual([
      expect.stringContaining(
        'Variable "$id" of type "Int!" used in position expecting type "ID!"',
      ),
    ]);
    expect(documentProblems(schema, '{ viewer { role } }', limits)).toEqual([
      'an operation has no name',
    ]);
    expect(
      documentProblems(
        schema,
        'query AQuery { viewer { role } }\nquery BQuery { viewer { role } }',
        limits,
      ),
    ).toEqual([expect.stringContaining('holds 2 operations')]);
  });

  it('refuses a document deeper than the API allows', () => {
    let selection = 'id';
    for (let level = 0; level < 13; level += 1) {
      selection = level % 2 ? `vendor { ${selection} }` : `agreements { ${selection} }`;
    }
    const problems = documentProblems(
      schema,
      `query DeepQuery { vendor(id: "x") { ${selection} } }`,
      limits,
    );
    expect(problems).toEqual([expect.stringMatching(/depth limit of 12 exceeded/i)]);
  });

  describe('relay-compiler with examples/relay.config.json', () => {
    let workspace: string;

    beforeAll(async () => {
      // The committed config, beside a copy of the schema, as in the repository.
      workspace = await mkdtemp(join(tmpdir(), 'assay-relay-'));
      await mkdir(join(workspace, 'examples'));
      await copyFile(
        join(ROOT, 'examples', 'relay.config.json'),
        join(workspace, 'examples', 'relay.config.json'),
      );
      await copyFile(join(ROOT, 'schema.graphql'), join(workspace, 'schema.graphql'));
    });

    afterAll(async () => {
      await rm(workspace, { recursive: true, force: true });
    });

    const compile = (documents: ExampleDocument[]) =>
      compileWithRelay(join(workspace, 'examples'), documents);
    const extra = (path: string, source: string): ExampleDocument => ({
      path,
      source,
      relayOnly: false,
    });

    it('compiles the examples: refetch through node(id:), pages through the connection', async () => {
      const compiled = await compile(examples);
      expect(compiled).toMatchObject({ ok: true });
      expect(compiled.operations.VendorCardRefetchQuery).toMatch(/node\(id: \$id\)/);
      expect(compiled.operations.VendorListPaginationQuery).toMatch(
        /vendors\(first: \$count, after: \$cursor, filter: \$filter\)[\s\S]*pageInfo[\s\S]*endCursor/,
      );
      for (const document of examples.filter((candidate) => !candidate.relayOnly)) {
        const name = /(?:query|mutation)\s+(\w+)/.exec(document.source)![1]!;
        expect(compiled.operations[name]).toBeDefined();
      }
    });

    it('fails on a document the schema does not allow', async () => {
      const compiled = await compile([
        ...examples,
        extra(
          'procurement/VendorNickname.graphql',
          '# A field Vendor lacks\nquery VendorNicknameQuery {\n  vendor(id: "x") { nickname }\n}',
        ),
      ]);
      expect(compiled.ok).toBe(false);
      // At its place in the example file, not in the module written for relay-compiler.
      expect(compiled.output).toContain('procurement/VendorNickname.graphql:3:21');
      expect(compiled.output).toContain('nickname');
    });

    it('refuses a backtick outside comments, which would make relay-compiler skip the document', async () => {
      const compiled = await compile([
        extra(
          'procurement/VendorSearch.graphql',
          '# Search for `Acme`\nquery VendorSearchQuery { vendors(filter: { search: "`" }) { totalCount } }',
        ),
      ]);
      expect(compiled).toMatchObject({
        ok: false,
        output: expect.stringContaining('procurement/VendorSearch.graphql: holds a backtick'),
      });
    });

    it("fails on an operation not named after its file, Relay's naming rule", async () => {
      const compiled = await compile([
        extra('procurement/VendorName.graphql', 'query NameOfVendor { vendor(id: "x") { name } }'),
      ]);
      expect(compiled.ok).toBe(false);
      expect(compiled.output).toContain('NameOfVendor');
    });

    it('fails on two files of the same name, which Relay could not tell apart', async () => {
      const compiled = await compile([
        extra('procurement/Viewer.graphql', 'query ViewerQuery { viewer { role } }'),
        extra('vendor/Viewer.graphql', 'query ViewerQuery { viewer { role } }'),
      ]);
      expect(compiled).toMatchObject({
        ok: false,
        output: expect.stringContaining(
          'vendor/Viewer.graphql: procurement/Viewer.graphql has the same name',
        ),
      });
    });
  });
});
