import type { Response } from 'express';
import { Controller, Get, HttpStatus, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { DomainException, RequestContext } from '#core';
import { ExportService } from '#reporting';
import { Allow, enforceAccess } from '../../graphql/access/access-rule.js';
import { toGlobalId } from '../../graphql/relay/global-id.js';
import { contentDisposition } from '../../files/content-disposition.js';
import { RestAccessGuard } from '../../http/rest-access.guard.js';
import { RestCtx } from '../../http/rest-context.js';
import { RestExceptionFilter } from '../../http/rest-exception.filter.js';
import { DOWNLOAD_EXPORT, EXPORT_RULES } from './export-access.js';

/**
 * `GET /exports/download?token=…`: the file of a link from requestExport, streamed. The link
 * must be known and unexpired (UNAUTHENTICATED otherwise), and the member or API key it was
 * issued to must still be allowed to read what it exports (FORBIDDEN otherwise).
 */
@Controller('exports')
@UseGuards(RestAccessGuard)
@UseFilters(RestExceptionFilter)
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Allow(DOWNLOAD_EXPORT)
  @Get('download')
  async download(
    @RestCtx() request: RequestContext,
    @Query('token') token: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const link = await this.exports.open(request, typeof token === 'string' ? token : undefined);
    const actor = await this.exports.requester(request, link);
    if (!actor) {
      throw DomainException.forbidden(
        'The member or API key that requested this export can no longer read it',
      );
    }
    const ctx = RequestContext.create({
      requestId: request.requestId,
      actor,
      organizationId: link.organizationId,
      ip: request.ip,
    });
    enforceAccess(ctx, null, EXPORT_RULES[link.kind]);
    await this.exports.download(
      ctx,
      link,
      {
        open: (file) => {
          res.status(HttpStatus.OK).set({
            'content-type': file.mediaType,
            'content-disposition': contentDisposition(file.fileName),
            'x-content-type-options': 'nosniff',
            'content-security-policy': "default-src 'none'; sandbox",
            'cache-control': 'private, no-store',
            'referrer-policy': 'no-referrer',
          });
          return res;
        },
      },
      (typeName, rowId) => toGlobalId(typeName, rowId),
    );
  }
}
