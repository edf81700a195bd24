import type { StoredFile } from '#core';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { FileModel } from './file.model.js';

/** The GraphQL type name, part of every file's global id. */
export const FILE_TYPE = 'File';

/** What POST /files answers with (201). */
export interface UploadedFileResponse {
  readonly id: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

export function downloadPathOf(globalId: string): string {
  return `/files/${globalId}`;
}

export function toFileModel(file: StoredFile): FileModel {
  const id = toGlobalId(FILE_TYPE, file.id);
  return Object.assign(new FileModel(), {
    id,
    name: file.originalName,
    mediaType: file.mediaType,
    size: file.sizeBytes,
    sha256: file.sha256,
    createdAt: file.createdAt,
    downloadPath: downloadPathOf(id),
  });
}

export function toUploadedFileResponse(file: StoredFile): UploadedFileResponse {
  return {
    id: toGlobalId(FILE_TYPE, file.id),
    name: file.originalName,
    mediaType: file.mediaType,
    size: file.sizeBytes,
    sha256: file.sha256,
  };
}
