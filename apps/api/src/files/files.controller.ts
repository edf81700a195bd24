import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiKeyScope, FileService, Role, type RequestContext } from '#core';
import { Allow, MEMBER_ROLES, type AccessRule } from '../graphql/access/access-rule.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { RestAccessGuard } from '../http/rest-access.guard.js';
import { RestCtx } from '../http/rest-context.js';
import { RestExceptionFilter } from '../http/rest-exception.filter.js';
import { contentDisposition } from './content-disposition.js';
import {
  FILE_TYPE,
  downloadPathOf,
  toUploadedFileResponse,
  type UploadedFileResponse,
} from './file.mapper.js';
import { MultipartUpload } from './multipart-upload.js';

/** Who may upload: members who change things, write keys, and vendor contacts (evidence). */
const UPLOAD: AccessRule = {
  roles: [Role.Admin, Role.Procurement, Role.RiskOwner],
  apiKey: ApiKeyScope.Write,
  vendorContact: true,
};

/** Who may download: every member and read key; a vendor contact only what it uploaded. */
const DOWNLOAD: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read, vendorContact: true };

/** `POST /files` and `GET /files/:id`: HTTP only; FileService checks, stores and finds. */
@Controller('files')
@UseGuards(RestAccessGuard)
@UseFilters(RestExceptionFilter)
export class FilesController {
  constructor(
    private readonly files: FileService,
    private readonly uploads: MultipartUpload,
  ) {}

  @Allow(UPLOAD)
  @Post()
  @HttpCode(HttpStatus.CREATED)
  async upload(
    @RestCtx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UploadedFileResponse> {
    const stored = await this.uploads.receive(req, res, (file) =>
      this.files.upload(ctx, { tempPath: file.path, originalName: file.originalName }),
    );
    const body = toUploadedFileResponse(stored);
    res.location(downloadPathOf(body.id));
    return body;
  }

  @Allow(DOWNLOAD)
  @Get(':id')
  async download(
    @RestCtx() ctx: RequestContext,
    @Param('id') globalId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { id } = fromGlobalId(globalId, { path: 'id', expectedType: FILE_TYPE });
    const { file, content } = await this.files.open(ctx, id);
    res.status(HttpStatus.OK).set({
      'content-type': file.mediaType.startsWith('text/')
        ? `${file.mediaType}; charset=utf-8`
        : file.mediaType,
      'content-length': String(file.sizeBytes),
      'content-disposition': contentDisposition(file.originalName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    });
    await pipeline(content, res);
  }
}
