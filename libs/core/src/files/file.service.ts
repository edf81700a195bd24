import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { actorId } from '../context/principal.js';
import type { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';
import { inspectContent } from './content-inspection.js';
import { sanitizeFileName } from './file-name.js';
import { FileStore } from './file-store.js';
import { StoredFile } from './stored-file.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rows the orphan sweep handles per query. */
const SWEEP_BATCH = 200;

/** A file to take in: a temporary file of the caller's (it stays the caller's to remove). */
export interface FileUpload {
  readonly tempPath: string;
  /** The name the client gave; it is sanitized before it is stored. */
  readonly originalName: string;
}

export interface OpenedFile {
  readonly file: StoredFile;
  /** The content; the caller consumes or destroys it. */
  readonly content: Readable;
}

export interface OrphanSweepResult {
  readonly deletedFiles: number;
  readonly deletedBlobs: number;
}

/** BAD_USER_INPUT for a file over FILE_MAX_BYTES; the HTTP edge answers it with 413. */
export function fileTooLarge(maxBytes: number): DomainException {
  return new DomainException(
    ErrorCode.BadUserInput,
    `The file is larger than the limit of ${maxBytes} bytes`,
    { fields: [{ path: 'file', message: `at most ${maxBytes} bytes` }], maxBytes },
  );
}

/** Whether `error` is fileTooLarge's. */
export function isFileTooLarge(error: unknown): boolean {
  return (
    error instanceof DomainException &&
    error.code === ErrorCode.BadUserInput &&
    typeof error.details.maxBytes === 'number'
  );
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * An organization's files: upload (checked, stored by content), lookup, download, and the
 * link other features make when they reference a file (markAttached). Files nobody attaches
 * within a day are removed by the orphan sweep.
 *
 * Blob and rows are kept consistent by a transaction-scoped advisory lock per SHA-256: an
 * upload holds it from "is the blob there?" to its commit, the sweep from "does any row still
 * name the blob?" to the blob's deletion, so the sweep never deletes a blob an upload has just
 * decided to reuse.
 */
@Injectable()
export class FileService {
  private readonly logger = new Logger(FileService.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly store: FileStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks and stores the file at `input.tempPath` for the context's organization: refused
   * (BAD_USER_INPUT on `file`) when empty, over FILE_MAX_BYTES, or when its sniffed content is
   * not an allowed type or contradicts the name's extension. The stored media type is the
   * sniffed one. Nothing is written when it fails, row or blob. (Called inside a caller's
   * transaction that later rolls back, a blob it wrote stays, unreferenced: only the
   * outermost transaction can tell a final rollback.)
   */
  async upload(ctx: RequestContext, input: FileUpload): Promise<StoredFile> {
    const organizationId = ctx.organizationId;
    const uploader = actorId(ctx.actor);
    if (!organizationId || !uploader || ctx.actor.kind === 'anonymous') {
      throw new DomainException(ErrorCode.Unauthenticated, 'Sign in to upload files');
    }
    const limits = this.config.files;
    const name = sanitizeFileName(input.originalName);
    const { size } = await stat(input.tempPath);
    if (size === 0) {
      throw DomainException.badUserInput('The file is empty', [
        { path: 'file', message: 'is empty' },
      ]);
    }
    if (size > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
    const mediaType = await inspectContent(input.tempPath, name, limits.allowedMediaTypes);
    const sha256 = await sha256Of(input.tempPath);

    // Only the outermost transaction knows that its rollback is final, and may undo the blob.
    const outermost = !ctx.inTransaction;
    let wroteBlob = false;
    try {
      return await this.connection.transaction(ctx, async (tx) => {
        await this.lockContent(tx, sha256);
        if (!(await this.store.exists(sha256))) {
          await this.store.put(sha256, { path: input.tempPath });
          wroteBlob = true;
        }
        const files = await this.connection.repository(tx, StoredFile);
        const file = files.create({
          organizationId,
          sha256,
          sizeBytes: size,
          mediaType,
          originalName: name,
          uploadedByKind: ctx.actor.kind,
          uploadedById: uploader,
          attachedAt: null,
          // The sweep measures an orphan's age with the same clock.
          createdAt: this.clock.now(),
        });
        await files.insert(file);
        return file;
      });
    } catch (error) {
      if (wroteBlob && outermost) {
        await this.deleteBlobIfUnreferenced(ctx, sha256).catch((cleanup: unknown) =>
          this.logger.error(`Removing the blob of a failed upload failed: ${String(cleanup)}`),
        );
      }
      throw error;
    }
  }

  /** The files among `ids` the context may see, in no particular order (for DataLoaders). */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<StoredFile[]> {
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    if (wanted.length === 0 || !ctx.organizationId) return [];
    return (await this.visible(ctx)).andWhere('file.id IN (:...ids)', { ids: wanted }).getMany();
  }

  /**
   * A file and its content, for download. NOT_FOUND for an id the context may not see, exactly
   * as for one that does not exist. The content is opened after the lookup's transaction, so a
   * slow download holds no database connection.
   */
  async open(ctx: RequestContext, id: string): Promise<OpenedFile> {
    const file = await this.connection.transaction(
      ctx,
      async (tx) => (await this.findByIds(tx, [id]))[0],
    );
    if (!file) throw DomainException.notFound('File');
    return { file, content: await this.store.open(file.sha256) };
  }

  /**
   * Records that something now references these files (an agreement's signed document, an
   * answer's evidence), so the orphan sweep keeps them for good. Call it in the transaction
   * that stores the reference. NOT_FOUND when any id is not a file the context may see;
   * attaching an attached file again changes nothing.
   */
  async markAttached(ctx: RequestContext, ids: readonly string[]): Promise<StoredFile[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    return this.connection.transaction(ctx, async (tx) => {
      // Locked, so that a concurrent sweep either deletes a row first (NOT_FOUND here) or
      // finds it attached.
      const files = wanted.every((id) => UUID.test(id))
        ? await (
            await this.visible(tx)
          )
            .andWhere('file.id IN (:...ids)', { ids: wanted })
            .setLock('pessimistic_write')
            .getMany()
        : [];
      if (files.length !== wanted.length) throw DomainException.notFound('File');
      const now = this.clock.now();
      const unattached = files.filter((file) => !file.attachedAt).map((file) => file.id);
      if (unattached.length > 0) {
        await (
          await this.connection.repository(tx, StoredFile)
        )
          .createQueryBuilder()
          .update()
          .set({ attachedAt: now })
          .where('id IN (:...ids) AND attached_at IS NULL', { ids: unattached })
          .execute();
      }
      return files.map((file) => Object.assign(file, { attachedAt: file.attachedAt ?? now }));
    });
  }

  /**
   * Removes, across organizations, the files never attached and created before `cutoff`, then
   * each blob no remaining row names. Idempotent: a second run finds nothing to do.
   */
  async sweepOrphans(ctx: RequestContext, cutoff: Date): Promise<OrphanSweepResult> {
    let deletedFiles = 0;
    let deletedBlobs = 0;
    for (;;) {
      const batch = await this.connection.systemTransaction(ctx, async (tx) =>
        (
          (await (
            await this.connection.manager(tx)
          ).query(
            `SELECT DISTINCT sha256 FROM stored_file WHERE attached_at IS NULL AND created_at < $1 LIMIT $2`,
            [cutoff, SWEEP_BATCH],
          )) as Array<{ sha256: string }>
        ).map((row) => row.sha256),
      );
      if (batch.length === 0) break;
      for (const sha256 of batch) {
        // The rows go first and commit; the blob goes in a second step, under the lock again.
        // A crash between the two leaves an unreferenced blob, never a row without its blob.
        deletedFiles += await this.connection.systemTransaction(ctx, async (tx) => {
          await this.lockContent(tx, sha256);
          const [, affected] = (await (
            await this.connection.manager(tx)
          ).query(
            `DELETE FROM stored_file WHERE sha256 = $1 AND attached_at IS NULL AND created_at < $2`,
            [sha256, cutoff],
          )) as [unknown, number];
          return affected;
        });
        if (await this.deleteBlobIfUnreferenced(ctx, sha256)) deletedBlobs += 1;
      }
    }
    if (deletedFiles > 0) {
      this.logger.log(`Orphan sweep removed ${deletedFiles} file(s) and ${deletedBlobs} blob(s)`);
    }
    return { deletedFiles, deletedBlobs };
  }

  /** Deletes the blob when no row of any organization names it; true when it did. */
  private async deleteBlobIfUnreferenced(ctx: RequestContext, sha256: string): Promise<boolean> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      await this.lockContent(tx, sha256);
      const [row] = (await (
        await this.connection.manager(tx)
      ).query(`SELECT EXISTS (SELECT 1 FROM stored_file WHERE sha256 = $1) AS referenced`, [
        sha256,
      ])) as Array<{ referenced: boolean }>;
      if (row?.referenced) return false;
      // Deleted while the lock is held: no upload can decide to reuse the blob meanwhile.
      await this.store.delete(sha256);
      return true;
    });
  }

  /** Serializes uploads and the sweep per content, until the transaction ends. */
  private async lockContent(ctx: RequestContext, sha256: string): Promise<void> {
    await (
      await this.connection.manager(ctx)
    ).query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`assay.file:${sha256}`]);
  }

  /** The context's files: its organization's, and for a vendor contact only its own uploads. */
  private async visible(ctx: RequestContext): Promise<SelectQueryBuilder<StoredFile>> {
    const query = (await this.connection.repository(ctx, StoredFile))
      .createQueryBuilder('file')
      .where('file.organization_id = :organizationId', { organizationId: ctx.organizationId });
    if (ctx.actor.kind === 'vendorContact') {
      query.andWhere(
        `file.uploaded_by_kind = 'vendorContact' AND file.uploaded_by_id = :contactId`,
        { contactId: ctx.actor.contactId },
      );
    }
    return query;
  }
}
