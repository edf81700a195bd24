import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  Clock,
  FileService,
  JobName,
  JobRegistry,
  QueueBackend,
  RequestContext,
  Role,
  jobId,
} from '#core';
import { VendorContactTokens } from '#identity';
import {
  addMember,
  createOrganization,
  signInToken,
  type TestMember,
} from '../factories/identity.factory.js';
import {
  elfExecutable,
  minimalDocx,
  minimalPdf,
  minimalPng,
  minimalXlsx,
  windowsExecutable,
  zipArchive,
} from '../factories/file.factory.js';
import { eventually } from '../utils/eventually.js';
import { startFakeS3, type FakeS3 } from '../utils/fake-s3.js';
import {
  apiKey,
  bearer,
  downloadFile,
  filesUnder,
  storedFileRows,
  uploadFile,
  type Credentials,
} from '../utils/files.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { waitForQueues } from '../utils/queues.js';
import { randomGlobalId } from '../utils/schema-operations.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

async function createKey(gql: GraphqlClient, token: string, scope: 'READ' | 'WRITE') {
  const data = await gql
    .withToken(token)
    .data<{ createApiKey: { key: string } }>(
      `mutation { createApiKey(input: { name: "files ${scope}", scopes: [${scope}] }) { key } }`,
    );
  return data.createApiKey.key;
}

async function vendorContactToken(t: TestApp, organizationId: string): Promise<string> {
  const issued = await t.app.get(VendorContactTokens).issue(
    {
      organizationId,
      vendorId: randomUUID(),
      contactId: randomUUID(),
      assessmentIds: [randomUUID()],
    },
    3_600,
  );
  return issued.token;
}

/** Everything a refused upload could have left behind. */
async function footprint(t: TestApp) {
  return {
    rows: (await storedFileRows(t.app)).length,
    blobs: await filesUnder(join(t.config.dataDir, 'files')),
    received: await filesUnder(join(t.config.dataDir, 'tmp', 'uploads')),
  };
}

describe('files', () => {
  let t: TestApp;
  let admin: TestMember;
  let adminAuth: Credentials;
  let other: TestMember;
  let otherAuth: Credentials;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createOrganization(t.app, { name: 'Files A' });
    adminAuth = bearer(await signInToken(t.gql, admin));
    other = await createOrganization(t.app, { name: 'Files B' });
    otherAuth = bearer(await signInToken(t.gql, other));
  });

  afterAll(async () => {
    await t?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('stores an upload by its sniffed type and gives back the same bytes, as an attachment', async () => {
    const pdf = minimalPdf('Data processing agreement');
    // The client's claimed type is ignored: the content decides.
    const uploaded = await uploadFile(t.url, adminAuth, {
      name: '../Due diligence – Q3 "final".pdf',
      content: pdf,
      type: 'text/html',
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({
      id: expect.any(String),
      name: 'Due diligence – Q3 _final_.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
    });
    expect(uploaded.headers.get('location')).toBe(`/files/${uploaded.body.id}`);

    const downloaded = await downloadFile(t.url, adminAuth, uploaded.body.id!);
    expect(downloaded.status).toBe(200);
    expect(downloaded.bytes.equals(pdf)).toBe(true);
    expect(sha256(downloaded.bytes)).toBe(uploaded.body.sha256);
    expect(downloaded.headers.get('content-type')).toBe('application/pdf');
    expect(downloaded.headers.get('content-length')).toBe(String(pdf.length));
    expect(downloaded.headers.get('x-content-type-options')).toBe('nosniff');
    expect(downloaded.headers.get('content-disposition')).toBe(
      `attachment; filename="Due diligence _ Q3 _final_.pdf"; filename*=UTF-8''Due%20diligence%20%E2%80%93%20Q3%20_final_.pdf`,
    );
  });

  it('accepts the other allowed types, each by its content', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['logo.png', minimalPng(), 'image/png'],
      ['contract.docx', minimalDocx(), DOCX],
      ['register.xlsx', minimalXlsx(), XLSX],
      ['vendors.csv', Buffer.from('name,country\nAcme,FR\nZhōng,CN\n'), 'text/csv'],
      ['notes.txt', Buffer.from('\ufeffPlain UTF-8 notes, 中文.\r\n'), 'text/plain'],
    ];
    for (const [name, content, mediaType] of cases) {
      const uploaded = await uploadFile(t.url, adminAuth, { name, content });
      expect({ name, status: uploaded.status, mediaType: uploaded.body.mediaType }).toEqual({
        name,
        status: 201,
        mediaType,
      });
      const downloaded = await downloadFile(t.url, adminAuth, uploaded.body.id!);
      expect(downloaded.bytes.equals(content)).toBe(true);
    }
    const text = await uploadFile(t.url, adminAuth, {
      name: 'notes.txt',
      content: Buffer.from('hello'),
    });
    expect((await downloadFile(t.url, adminAuth, text.body.id!)).headers.get('content-type')).toBe(
      'text/plain; charset=utf-8',
    );
  });

  it('stores the same content once, with a row for each upload, even across organizations', async () => {
    const pdf = minimalPdf(`shared ${randomUUID()}`);
    const first = await uploadFile(t.url, adminAuth, { name: 'a.pdf', content: pdf });
    const second = await uploadFile(t.url, adminAuth, { name: 'b.pdf', content: pdf });
    const elsewhere = await uploadFile(t.url, otherAuth, { name: 'c.pdf', content: pdf });
    expect([first.status, second.status, elsewhere.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.id, second.body.id, elsewhere.body.id]).size).toBe(3);
    const rows = (await storedFileRows(t.app)).filter((row) => row.sha256 === sha256(pdf));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.organization_id))).toEqual(
      new Set([admin.organizationId, other.organizationId]),
    );
    const blobs = (await filesUnder(join(t.config.dataDir, 'files'))).filter((path) =>
      path.includes(sha256(pdf)),
    );
    expect(blobs).toEqual([`${sha256(pdf).slice(0, 2)}/${sha256(pdf)}`]);
  });

  it("answers another organization's file id exactly like a random one: 404 NOT_FOUND", async () => {
    const uploaded = await uploadFile(t.url, adminAuth, {
      name: 'private.pdf',
      content: minimalPdf('private'),
    });
    const theirs = await downloadFile(t.url, otherAuth, uploaded.body.id!);
    const random = await downloadFile(t.url, otherAuth, randomGlobalId('File'));
    expect(theirs.status).toBe(404);
    expect(JSON.parse(theirs.bytes.toString())).toEqual({
      errors: [{ message: 'File not found', extensions: { code: 'NOT_FOUND' } }],
    });
    expect(random.status).toBe(404);
    expect(theirs.bytes.equals(random.bytes)).toBe(true);
    // The id of another type is not a file either; a malformed one is bad input.
    expect((await downloadFile(t.url, adminAuth, randomGlobalId('ApiKey'))).status).toBe(404);
    const malformed = await downloadFile(t.url, adminAuth, 'not-an-id');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.bytes.toString())).toEqual({
      errors: [
        {
          message: 'Invalid id',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ path: 'id', message: 'not an id issued by this API' }],
          },
        },
      ],
    });
  });

  it('refuses requests without valid credentials (401) and writes nothing', async () => {
    const before = await footprint(t);
    const anonymous = await uploadFile(t.url, {}, { name: 'x.pdf', content: minimalPdf() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const forged = await uploadFile(t.url, bearer('not.a.token'), {
      name: 'x.pdf',
      content: minimalPdf(),
    });
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]).toEqual({
      message: 'The access token is not valid',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await footprint(t)).toEqual(before);

    const uploaded = await uploadFile(t.url, adminAuth, { name: 'x.pdf', content: minimalPdf() });
    const download = await downloadFile(t.url, {}, uploaded.body.id!);
    expect(download.status).toBe(401);
    expect(JSON.parse(download.bytes.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets a READ key download but not upload (403); a WRITE key uploads', async () => {
    const token = await signInToken(t.gql, admin);
    const readKey = apiKey(await createKey(t.gql, token, 'READ'));
    const writeKey = bearer(await createKey(t.gql, token, 'WRITE'));
    const uploaded = await uploadFile(t.url, adminAuth, { name: 'r.pdf', content: minimalPdf() });

    const read = await downloadFile(t.url, readKey, uploaded.body.id!);
    expect(read.status).toBe(200);
    const before = await footprint(t);
    const refused = await uploadFile(t.url, readKey, { name: 'r.pdf', content: minimalPdf() });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await footprint(t)).toEqual(before);

    const written = await uploadFile(t.url, writeKey, { name: 'w.pdf', content: minimalPdf('w') });
    expect(written.status).toBe(201);
  });

  it('refuses uploads to viewers (403) and lets every role download', async () => {
    const viewer = await addMember(t.app, admin.organizationId, Role.Viewer);
    const viewerAuth = bearer(await signInToken(t.gql, viewer));
    const refused = await uploadFile(t.url, viewerAuth, { name: 'v.pdf', content: minimalPdf() });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const uploaded = await uploadFile(t.url, adminAuth, { name: 'v.pdf', content: minimalPdf() });
    expect((await downloadFile(t.url, viewerAuth, uploaded.body.id!)).status).toBe(200);
    for (const role of [Role.Procurement, Role.RiskOwner]) {
      const member = await addMember(t.app, admin.organizationId, role);
      const auth = bearer(await signInToken(t.gql, member));
      const own = await uploadFile(t.url, auth, { name: `${role}.pdf`, content: minimalPdf(role) });
      expect({ role, status: own.status }).toEqual({ role, status: 201 });
    }
  });

  it('lets a vendor contact upload evidence and download only its own uploads', async () => {
    const contact = bearer(await vendorContactToken(t, admin.organizationId));
    const anotherContact = bearer(await vendorContactToken(t, admin.organizationId));
    const evidence = await uploadFile(t.url, contact, {
      name: 'iso27001.pdf',
      content: minimalPdf('certificate'),
    });
    expect(evidence.status).toBe(201);
    expect((await downloadFile(t.url, contact, evidence.body.id!)).status).toBe(200);
    expect((await downloadFile(t.url, adminAuth, evidence.body.id!)).status).toBe(200);

    const internal = await uploadFile(t.url, adminAuth, {
      name: 'internal.pdf',
      content: minimalPdf('internal'),
    });
    const refused = await downloadFile(t.url, contact, internal.body.id!);
    const random = await downloadFile(t.url, contact, randomGlobalId('File'));
    expect(refused.status).toBe(404);
    expect(refused.bytes.equals(random.bytes)).toBe(true);
    expect((await downloadFile(t.url, anotherContact, evidence.body.id!)).status).toBe(404);
  });

  it('refuses disguised and disallowed files with BAD_USER_INPUT and writes nothing', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['invoice.pdf', windowsExecutable(), /Windows executable.*not allowed/],
      ['invoice.pdf', elfExecutable(), /ELF executable.*not allowed/],
      ['scan.pdf', minimalPng(), /ends in \.pdf but the content is a PNG image/],
      ['report.docx', minimalPdf(), /ends in \.docx but the content is a PDF document/],
      ['archive.zip', zipArchive({ 'a.txt': 'a' }), /ZIP archive.*not allowed/],
      ['notes.pdf', Buffer.from('just text'), /ends in \.pdf but the content is plain text/],
      ['script.sh', Buffer.from('#!/bin/sh\necho hi\n'), /text is accepted as \.txt or \.csv/],
      ['data.txt', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]), /could not be recognised/],
      ['empty.pdf', Buffer.alloc(0), /empty/],
    ];
    const before = await footprint(t);
    for (const [name, content, problem] of cases) {
      const refused = await uploadFile(t.url, adminAuth, {
        name,
        content,
        type: 'application/pdf',
      });
      expect({
        name,
        status: refused.status,
        code: refused.body.errors?.[0]?.extensions.code,
      }).toEqual({ name, status: 400, code: 'BAD_USER_INPUT' });
      expect(refused.body.errors?.[0]?.extensions.fields).toEqual([
        { path: 'file', message: expect.stringMatching(problem) },
      ]);
    }
    expect(await footprint(t)).toEqual(before);
  });

  it('refuses a request that does not carry exactly one file in the field "file"', async () => {
    const before = await footprint(t);
    const wrongField = await uploadFile(t.url, adminAuth, {
      name: 'x.pdf',
      content: minimalPdf(),
      field: 'document',
    });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const form = new FormData();
    form.append('file', new Blob([minimalPdf('1')]), 'one.pdf');
    form.append('file', new Blob([minimalPdf('2')]), 'two.pdf');
    const two = await fetch(`${t.url}/files`, { method: 'POST', headers: adminAuth, body: form });
    expect(two.status).toBe(400);

    const json = await fetch(`${t.url}/files`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'JVBERi0=' }),
    });
    expect(json.status).toBe(400);
    expect(
      ((await json.json()) as { errors: Array<{ message: string }> }).errors[0]!.message,
    ).toMatch(/multipart\/form-data in the field "file"/);
    const truncated = await fetch(`${t.url}/files`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4',
    });
    expect(truncated.status).toBe(400);
    expect(await footprint(t)).toEqual(before);
  });

  it('returns the file from node(id:), to members and read keys', async () => {
    const pdf = minimalPdf('node');
    const uploaded = await uploadFile(t.url, adminAuth, { name: 'node.pdf', content: pdf });
    const query = `query($id: ID!) { node(id: $id) { id ... on File { name mediaType size sha256 createdAt downloadPath } } }`;
    const gql = t.gql.withToken(adminAuth.authorization!.slice('Bearer '.length));
    const data = await gql.data<{ node: Record<string, unknown> }>(query, { id: uploaded.body.id });
    expect(data.node).toEqual({
      id: uploaded.body.id,
      name: 'node.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      createdAt: expect.any(String),
      downloadPath: `/files/${uploaded.body.id}`,
    });
    const fromOther = await t.gql
      .withToken(otherAuth.authorization!.slice('Bearer '.length))
      .request(query, { id: uploaded.body.id });
    expect(fromOther.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const contact = await t.gql
      .withToken(await vendorContactToken(t, admin.organizationId))
      .request(query, { id: uploaded.body.id });
    expect(contact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('marks files attached for other features, NOT_FOUND for ids of other organizations', async () => {
    const files = t.app.get(FileService);
    const ctx = RequestContext.create({
      requestId: 'test',
      actor: { kind: 'user', userId: admin.userId, role: Role.Admin, sessionId: randomUUID() },
      organizationId: admin.organizationId,
    });
    const mine = await uploadFile(t.url, adminAuth, { name: 'm.pdf', content: minimalPdf('m') });
    const theirs = await uploadFile(t.url, otherAuth, { name: 't.pdf', content: minimalPdf('t') });
    const [attached] = await files.markAttached(ctx, [rowIdOf(mine.body.id!)]);
    expect(attached?.attachedAt).toBeInstanceOf(Date);
    // Again: nothing changes.
    const [again] = await files.markAttached(ctx, [rowIdOf(mine.body.id!)]);
    expect(again?.attachedAt?.getTime()).toBe(attached?.attachedAt?.getTime());
    for (const ids of [[rowIdOf(theirs.body.id!)], [randomUUID()], ['not-a-uuid']]) {
      await expect(files.markAttached(ctx, ids)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'File not found',
      });
    }
    const rows = await storedFileRows(t.app);
    expect(rows.find((row) => row.id === rowIdOf(theirs.body.id!))?.attached_at).toBeNull();
  });

  it('sweeps uploads nobody attached within a day, keeps attached and recent ones, and may run twice', async () => {
    const token = await signInToken(t.gql, admin);
    // An API key: member access tokens do not survive moving the clock a day ahead.
    const writeKey = apiKey(await createKey(t.gql, token, 'WRITE'));
    const files = t.app.get(FileService);
    const ctx = RequestContext.create({
      requestId: 'test',
      actor: { kind: 'apiKey', apiKeyId: randomUUID(), scopes: [] },
      organizationId: admin.organizationId,
    });
    const orphanPdf = minimalPdf(`orphan ${randomUUID()}`);
    const keptPdf = minimalPdf(`kept ${randomUUID()}`);
    const orphan = await uploadFile(t.url, writeKey, { name: 'orphan.pdf', content: orphanPdf });
    const attached = await uploadFile(t.url, writeKey, { name: 'kept.pdf', content: keptPdf });
    // Same content as the attached file, never attached itself: its row goes, the blob stays.
    const duplicate = await uploadFile(t.url, writeKey, { name: 'dup.pdf', content: keptPdf });
    await files.markAttached(ctx, [rowIdOf(attached.body.id!)]);

    const clock = t.app.get(Clock);
    const later = new Date(Date.now() + 25 * 3_600_000);
    jest.spyOn(clock, 'now').mockImplementation(() => later);
    const recentPdf = minimalPdf(`recent ${randomUUID()}`);
    const recent = await uploadFile(t.url, writeKey, { name: 'recent.pdf', content: recentPdf });
    expect(recent.status).toBe(201);

    const registry = t.app.get(JobRegistry);
    const backend = t.app.get(QueueBackend);
    const sweeps = () => registry.getStats().get(JobName.FileOrphanSweep)?.completed ?? 0;
    for (const run of [1, 2]) {
      const before = sweeps();
      await backend.add([
        {
          name: JobName.FileOrphanSweep,
          data: {},
          jobId: jobId(JobName.FileOrphanSweep, `test-${randomUUID()}`),
        },
      ]);
      await eventually(() => sweeps() > before, { what: `sweep run ${run}` });
      await waitForQueues(t.app);
      const ids = new Set((await storedFileRows(t.app)).map((row) => row.id));
      expect({
        run,
        orphan: ids.has(rowIdOf(orphan.body.id!)),
        attached: ids.has(rowIdOf(attached.body.id!)),
        duplicate: ids.has(rowIdOf(duplicate.body.id!)),
        recent: ids.has(rowIdOf(recent.body.id!)),
      }).toEqual({ run, orphan: false, attached: true, duplicate: false, recent: true });
      const blobs = await filesUnder(join(t.config.dataDir, 'files'));
      expect({
        orphan: blobs.some((path) => path.endsWith(sha256(orphanPdf))),
        kept: blobs.some((path) => path.endsWith(sha256(keptPdf))),
        recent: blobs.some((path) => path.endsWith(sha256(recentPdf))),
      }).toEqual({ orphan: false, kept: true, recent: true });
    }
    jest.restoreAllMocks();

    expect((await downloadFile(t.url, writeKey, orphan.body.id!)).status).toBe(404);
    const kept = await downloadFile(t.url, writeKey, attached.body.id!);
    expect(kept.bytes.equals(keptPdf)).toBe(true);
  });
});

describe('files over the size limit', () => {
  let t: TestApp;
  let auth: Credentials;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false, env: { FILE_MAX_BYTES: '2048' } });
    const admin = await createOrganization(t.app);
    auth = bearer(await signInToken(t.gql, admin));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a larger file with 413 BAD_USER_INPUT, and writes nothing', async () => {
    const before = await footprint(t);
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(4096, 0x20)]);
    const refused = await uploadFile(t.url, auth, { name: 'big.pdf', content: big });
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({
      errors: [
        {
          message: 'The file is larger than the limit of 2048 bytes',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ path: 'file', message: 'at most 2048 bytes' }],
          },
        },
      ],
    });
    expect(await footprint(t)).toEqual(before);
    const fits = await uploadFile(t.url, auth, { name: 'small.pdf', content: minimalPdf() });
    expect(fits.status).toBe(201);
  });
});

describe('files in embedded mode (PGlite, jobs in process)', () => {
  let t: TestApp;
  let auth: Credentials;

  beforeAll(async () => {
    t = await startTestApp({ backend: 'inline' });
    const admin = await createOrganization(t.app);
    auth = apiKey(await createKey(t.gql, await signInToken(t.gql, admin), 'WRITE'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('uploads, downloads and sweeps orphans the same way', async () => {
    const pdf = minimalPdf('embedded');
    const first = await uploadFile(t.url, auth, { name: 'a.pdf', content: pdf });
    const second = await uploadFile(t.url, auth, { name: 'b.pdf', content: pdf });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await downloadFile(t.url, auth, second.body.id!)).bytes.equals(pdf)).toBe(true);
    expect(await filesUnder(join(t.config.dataDir, 'files'))).toHaveLength(1);

    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 25 * 3_600_000));
    try {
      const registry = t.app.get(JobRegistry);
      await t.app.get(QueueBackend).add([
        {
          name: JobName.FileOrphanSweep,
          data: {},
          jobId: jobId(JobName.FileOrphanSweep, `test-${randomUUID()}`),
        },
      ]);
      await eventually(() => registry.getStats().get(JobName.FileOrphanSweep)?.completed === 1, {
        what: 'the sweep',
      });
    } finally {
      jest.restoreAllMocks();
    }
    expect(await storedFileRows(t.app)).toEqual([]);
    expect(await filesUnder(join(t.config.dataDir, 'files'))).toEqual([]);
  });
});

describe('files in an S3-compatible store', () => {
  let s3: FakeS3;
  let t: TestApp;
  let auth: Credentials;

  beforeAll(async () => {
    s3 = await startFakeS3();
    t = await startTestApp({
      withWorker: false,
      env: {
        FILE_STORAGE: 's3',
        FILE_S3_ENDPOINT: s3.url,
        FILE_S3_REGION: s3.region,
        FILE_S3_BUCKET: s3.bucket,
        FILE_S3_ACCESS_KEY_ID: s3.accessKeyId,
        FILE_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        FILE_S3_FORCE_PATH_STYLE: 'true',
      },
    });
    const admin = await createOrganization(t.app);
    auth = bearer(await signInToken(t.gql, admin));
  });

  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('puts the content in the bucket under its SHA-256, once, and reads it back', async () => {
    const pdf = minimalPdf('in the bucket');
    const key = `files/${sha256(pdf).slice(0, 2)}/${sha256(pdf)}`;
    const first = await uploadFile(t.url, auth, { name: 'a.pdf', content: pdf });
    const second = await uploadFile(t.url, auth, { name: 'b.pdf', content: pdf });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect([...s3.objects.keys()]).toEqual([key]);
    expect(s3.objects.get(key)?.equals(pdf)).toBe(true);
    expect(s3.requests.filter((request) => request.method === 'PUT')).toEqual([
      { method: 'PUT', path: `/${s3.bucket}/${key}`, status: 200 },
    ]);
    expect(await filesUnder(join(t.config.dataDir, 'files'))).toEqual([]);

    const downloaded = await downloadFile(t.url, auth, second.body.id!);
    expect(downloaded.status).toBe(200);
    expect(downloaded.bytes.equals(pdf)).toBe(true);
    // Every request the store answered was signed correctly.
    expect(s3.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('writes no row when the store fails, and nothing when the file is refused', async () => {
    const rowsBefore = (await storedFileRows(t.app)).length;
    const objectsBefore = s3.objects.size;
    s3.failPuts = true;
    try {
      const failed = await uploadFile(t.url, auth, {
        name: 'c.pdf',
        content: minimalPdf('store down'),
      });
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({
        errors: [
          { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      });
    } finally {
      s3.failPuts = false;
    }
    const disguised = await uploadFile(t.url, auth, {
      name: 'x.pdf',
      content: windowsExecutable(),
    });
    expect(disguised.status).toBe(400);
    expect((await storedFileRows(t.app)).length).toBe(rowsBefore);
    expect(s3.objects.size).toBe(objectsBefore);
  });
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
