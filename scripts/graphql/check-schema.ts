/*
 * npm run schema:check: schema.graphql against schema.released.graphql, the schema of the last
 * release. Fails on a breaking change (a removed or changed field, argument, input field, enum
 * value or type) unless the released schema had deprecated what it removes or changes.
 *
 * At a release, after `npm run schema:print`: cp schema.graphql schema.released.graphql, and
 * commit it with the release.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compareSchemas, describeChange } from './schema-compatibility.js';

async function main(): Promise<void> {
  const releasedPath = resolve(process.argv[2] ?? 'schema.released.graphql');
  const currentPath = resolve(process.argv[3] ?? 'schema.graphql');
  const report = await compareSchemas(
    await readFile(releasedPath, 'utf8'),
    await readFile(currentPath, 'utf8'),
  );
  const section = (title: string, changes: typeof report.breaking) => {
    if (changes.length) console.log(`${title}\n${changes.map(describeChange).join('\n')}`);
  };
  section('Safe changes since the release:', report.safe);
  section('Changes a client may not expect (not breaking):', report.dangerous);
  section('Removed or changed after a deprecation (allowed):', report.deprecatedRemovals);
  if (report.breaking.length) {
    console.error(
      `Breaking changes without a deprecation in ${releasedPath}:\n` +
        `${report.breaking.map(describeChange).join('\n')}\n` +
        'Keep the element and mark it @deprecated (deprecationReason in code) for a release, ' +
        'then remove it.',
    );
    process.exitCode = 1;
    return;
  }
  console.log(`No breaking change from ${releasedPath} to ${currentPath}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
