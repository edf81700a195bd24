import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '#core';

/** What POST /files answered. */
export interface UploadResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    id?: string;
    name?: string;
    mediaType?: string;
    size?: number;
    sha256?: string;
    errors?: Array<{ message: string; extensions: { code: string; [key: string]: unknown } }>;
  };
}

/** Credentials as headers: a token (Authorization: Bearer) or an API key (X-Api-Key). */
export type Credentials = Record<string, string>;

export const bearer = (token: string): Credentials => ({ authorization: `Bearer ${token}` });
export const apiKey = (key: string): Credentials => ({ 'x-api-key': key });

/** Uploads `content` as `name` in a multipart form, as a browser or curl would. */
export async function uploadFile(
  baseUrl: string,
  credentials: Credentials,
  file: { name: string; content: Buffer; type?: string; field?: string },
): Promise<UploadResponse> {
  const form = new FormData();
  form.append(
    file.field ?? 'file',
    new Blob([file.content], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  const response = await fetch(`${baseUrl}/files`, {
    method: 'POST',
    headers: credentials,
    body: form,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as UploadResponse['body'],
  };
}

/** GETs a file: status, headers, and the bytes (or the JSON error). */
export async function downloadFile(
  baseUrl: string,
  credentials: Credentials,
  id: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${baseUrl}/files/${id}`, { headers: credentials });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Every stored_file row, across organizations (the platform's own access). */
export async function storedFileRows(
  app: INestApplicationContext,
): Promise<
  Array<{ id: string; organization_id: string; sha256: string; attached_at: Date | null }>
> {
  const connection = app.get(TransactionalConnection);
  return connection.systemTransaction(RequestContext.system('test', 'test'), async (tx) =>
    (await connection.manager(tx)).query(
      `SELECT id, organization_id, sha256, attached_at FROM stored_file ORDER BY created_at, id`,
    ),
  );
}

/** Every file under `dir`, recursively, as paths relative to it (none when it does not exist). */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
