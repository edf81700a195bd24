import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { Injectable } from '@nestjs/common';
import multer from 'multer';
import { AppConfig, DomainException, fileTooLarge } from '#core';

/** The form field the file comes in. */
export const FILE_FIELD = 'file';

/** A received file, on local disk until the work given to `receive` is done. */
export interface ReceivedFile {
  readonly path: string;
  /** As the client sent it (untrusted; FileService sanitizes it). */
  readonly originalName: string;
}

/** busboy's messages for a body that is not well-formed multipart. */
const MALFORMED_BODY = [
  'Unexpected end of form',
  'Malformed part header',
  'Multipart: Boundary not found',
];

const INVALID_FORM = (message: string) =>
  DomainException.badUserInput(message, [{ path: FILE_FIELD, message }]);

/**
 * Receives the one file of a `multipart/form-data` request (field `file`) into a directory of
 * its own under ASSAY_DATA_DIR/tmp/uploads, stopping at FILE_MAX_BYTES, and removes that
 * directory once the work is done, whatever happens.
 */
@Injectable()
export class MultipartUpload {
  constructor(private readonly config: AppConfig) {}

  async receive<T>(
    req: Request,
    res: Response,
    work: (file: ReceivedFile) => Promise<T>,
  ): Promise<T> {
    const { maxBytes, uploadDir } = this.config.files;
    await mkdir(uploadDir, { recursive: true });
    const dir = await mkdtemp(join(uploadDir, 'upload-'));
    try {
      const parse = multer({
        storage: multer.diskStorage({
          destination: dir,
          filename: (_req, _file, callback) => callback(null, randomUUID()),
        }),
        limits: {
          fileSize: maxBytes,
          files: 1,
          fields: 10,
          fieldSize: 8_192,
          parts: 11,
          headerPairs: 100,
        },
        // Browsers and curl send the UTF-8 bytes of a name as they are.
        defParamCharset: 'utf8',
      }).single(FILE_FIELD);
      await new Promise<void>((resolve, reject) =>
        parse(req, res, (error: unknown) =>
          error ? reject(this.translate(error, maxBytes)) : resolve(),
        ),
      );
      const file = req.file;
      if (!file) {
        throw INVALID_FORM(`Send the file as multipart/form-data in the field "${FILE_FIELD}"`);
      }
      return await work({ path: file.path, originalName: file.originalname });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Multer's and busboy's refusals as client errors; anything else (a full disk) stays ours. */
  private translate(error: unknown, maxBytes: number): unknown {
    if (error instanceof multer.MulterError) {
      switch (error.code) {
        case 'LIMIT_FILE_SIZE':
          return fileTooLarge(maxBytes);
        case 'LIMIT_UNEXPECTED_FILE':
        case 'LIMIT_FILE_COUNT':
          return INVALID_FORM(`Send exactly one file, in the field "${FILE_FIELD}"`);
        default:
          return INVALID_FORM(`The form has too many or too large fields (${error.code})`);
      }
    }
    if (error instanceof Error && MALFORMED_BODY.includes(error.message)) {
      return INVALID_FORM(`The multipart body is malformed: ${error.message}`);
    }
    return error;
  }
}
