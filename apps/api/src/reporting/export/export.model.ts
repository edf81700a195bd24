import { Field, ObjectType } from '@nestjs/graphql';
import { ExportFormat, ExportKind } from '#reporting';
import { ExportFormatEnum, ExportKindEnum } from './export.input.js';

@ObjectType('ExportDownload', {
  description:
    'A link to download an export once or more until it expires; only the member or API key that requested it may use it.',
})
export class ExportDownloadModel {
  @Field({
    description:
      'GET it (no credentials needed: the link carries a token, shown only here) to receive the file.',
  })
  url!: string;

  @Field()
  expiresAt!: Date;

  @Field()
  fileName!: string;

  @Field()
  mediaType!: string;

  @Field(() => ExportKindEnum)
  kind!: ExportKind;

  @Field(() => ExportFormatEnum)
  format!: ExportFormat;
}

@ObjectType()
export class RequestExportPayload {
  @Field(() => ExportDownloadModel)
  download!: ExportDownloadModel;
}
