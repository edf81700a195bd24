import { importAssayJson } from './assay-json/assay-json.importer.js';
import { importCisoAssistant } from './ciso-assistant/ciso-assistant.importer.js';
import { importEramba } from './eramba/eramba.importer.js';
import { ImportFormat, type Importer } from './import-types.js';
import { importSpreadsheetCsv } from './spreadsheet/spreadsheet-csv.importer.js';
import { importSpreadsheetXlsx } from './spreadsheet/spreadsheet-xlsx.importer.js';
import { importVsaq } from './vsaq/vsaq.importer.js';

const IMPORTERS: { readonly [Format in ImportFormat]: Importer } = {
  [ImportFormat.AssayJson]: importAssayJson,
  [ImportFormat.SpreadsheetXlsx]: importSpreadsheetXlsx,
  [ImportFormat.SpreadsheetCsv]: importSpreadsheetCsv,
  [ImportFormat.CisoAssistantYaml]: importCisoAssistant,
  [ImportFormat.VsaqJson]: importVsaq,
  [ImportFormat.ErambaCsv]: importEramba,
};

/** The importer of a format. */
export function importerFor(format: ImportFormat): Importer {
  return IMPORTERS[format];
}
