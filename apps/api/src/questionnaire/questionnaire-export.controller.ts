import type { Response } from 'express';
import {
  Controller,
  Get,
  HttpStatus,
  Param,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { DomainException, type RequestContext } from '#core';
import { ImportFormat, QuestionnaireService, exportQuestionnaire } from '#questionnaire';
import { Allow } from '../graphql/access/access-rule.js';
import { RestAccessGuard } from '../http/rest-access.guard.js';
import { RestCtx } from '../http/rest-context.js';
import { RestExceptionFilter } from '../http/rest-exception.filter.js';
import { contentDisposition } from '../files/content-disposition.js';
import { READ_QUESTIONNAIRES, versionRowId } from './questionnaire.resolver.js';

const FORMATS = {
  json: ImportFormat.AssayJson,
  xlsx: ImportFormat.SpreadsheetXlsx,
  csv: ImportFormat.SpreadsheetCsv,
} as const;

/** `GET /template-versions/:id/export?format=json|xlsx|csv`: a version as a file to edit or archive. */
@Controller('template-versions')
@UseGuards(RestAccessGuard)
@UseFilters(RestExceptionFilter)
export class QuestionnaireExportController {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  @Allow(READ_QUESTIONNAIRES)
  @Get(':id/export')
  async export(
    @RestCtx() ctx: RequestContext,
    @Param('id') globalId: string,
    @Query('format') format: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const chosen = FORMATS[(format ?? 'json') as keyof typeof FORMATS];
    if (!chosen || !Object.hasOwn(FORMATS, format ?? 'json')) {
      throw DomainException.badUserInput('Unknown export format', [
        { path: 'format', message: 'must be json, xlsx or csv' },
      ]);
    }
    const { version, template } = await this.questionnaires.readVersion(
      ctx,
      versionRowId(globalId, 'id'),
    );
    const primary = version.definition.languages[0]!;
    const file = await exportQuestionnaire(chosen, {
      title: { [primary]: template.name },
      ...(template.description ? { description: { [primary]: template.description } } : {}),
      definition: version.definition,
    });
    const name = `${template.name}-v${version.number}.${file.extension}`;
    res.status(HttpStatus.OK).set({
      'content-type': file.mediaType,
      'content-length': String(file.content.length),
      'content-disposition': contentDisposition(name),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    res.end(file.content);
  }
}
