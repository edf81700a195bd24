import type { IssuedExport } from '#reporting';
import { ExportDownloadModel } from './export.model.js';

/** Where exports are downloaded, under PUBLIC_URL. */
export const EXPORT_DOWNLOAD_PATH = '/exports/download';

/**
 * The link of an issued export. The token travels as a query parameter: logs keep query
 * parameters' names only, never their values.
 */
export function toExportDownloadModel(
  issued: IssuedExport,
  publicUrl: string,
): ExportDownloadModel {
  return Object.assign(new ExportDownloadModel(), {
    url: `${publicUrl}${EXPORT_DOWNLOAD_PATH}?token=${issued.token}`,
    expiresAt: issued.link.expiresAt,
    fileName: issued.fileName,
    mediaType: issued.mediaType,
    kind: issued.link.kind,
    format: issued.link.format,
  });
}
