import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { FileService, type RequestContext, type StoredFile } from '#core';
import type { LoaderDefinition } from '../graphql/graphql-context.js';

/**
 * Files by row id, batched per request: for `node(id:)` and for relation fields that name a
 * file (an agreement's signed document, an answer's evidence). Null for an id the request may
 * not see, exactly as for one that does not exist.
 */
@Injectable()
export class FileByIdLoader implements LoaderDefinition<string, StoredFile | null> {
  constructor(private readonly files: FileService) {}

  create(ctx: RequestContext): DataLoader<string, StoredFile | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.files.findByIds(ctx, ids)).map((file) => [file.id, file]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
