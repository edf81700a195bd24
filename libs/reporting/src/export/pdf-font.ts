import { readFile } from 'node:fs/promises';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { AppConfig, ConfigError } from '#core';

/**
 * The font the PDF report is written in. PDF's built-in Helvetica knows Latin-1 only: Chinese
 * vendor names and zh-CN section titles need a font with their glyphs, which Assay does not ship
 * (a CJK font is tens of megabytes). EXPORT_PDF_FONT names one (e.g. Noto Sans CJK); pdfkit
 * embeds the glyphs a report uses, with a ToUnicode map, so its text can be copied and searched.
 */
export interface PdfFont {
  readonly path: string;
  readonly data: Buffer;
  /** The face of a collection (.ttc), by PostScript name. */
  readonly face: string | null;
}

/** Reads and tries the configured font, so that a bad one stops start-up, not a report. */
export async function loadPdfFont(path: string, face: string | null): Promise<PdfFont> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw new ConfigError([
      { variable: 'EXPORT_PDF_FONT', message: `cannot read ${path}: ${(error as Error).message}` },
    ]);
  }
  try {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('probe', data, face ?? undefined);
    probe.font('probe').widthOfString('Assay 评估');
  } catch {
    throw new ConfigError([
      {
        variable: face ? 'EXPORT_PDF_FONT_FACE' : 'EXPORT_PDF_FONT',
        message: face
          ? `${path} has no face named ${face}`
          : `${path} is not a TrueType or OpenType font (for a collection, .ttc, name a face in EXPORT_PDF_FONT_FACE)`,
      },
    ]);
  }
  return { path, data, face };
}

/** What pdfkit's Helvetica can show (WinAnsiEncoding): Latin-1 and a few typographic signs. */
const WIN_ANSI_EXTRA = new Set(
  [
    0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014,
    0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039,
    0x203a, 0x20ac, 0x2122,
  ].map((code) => String.fromCodePoint(code)),
);

function winAnsi(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRA.has(character)
  );
}

/**
 * `text` as Helvetica can write it: every character it has no glyph for becomes `?` (pdfkit
 * would otherwise write unrelated Latin-1 characters in their place), and whether any did.
 */
export function standardFontText(text: string): { text: string; replaced: boolean } {
  let replaced = false;
  const out = Array.from(text, (character) => {
    if (winAnsi(character)) return character;
    replaced = true;
    return '?';
  }).join('');
  return { text: out, replaced };
}

/** The configured report font, read once at start-up (a bad one stops it). */
@Injectable()
export class ReportFont implements OnModuleInit {
  private font: PdfFont | null = null;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const { pdfFont, pdfFontFace } = this.config.exports;
    if (!pdfFont) return;
    this.font = await loadPdfFont(pdfFont, pdfFontFace);
    new Logger('Exports').log(`PDF reports are written in ${pdfFont}`);
  }

  /** Null: Helvetica, which writes `?` for what it has no glyph for. */
  get current(): PdfFont | null {
    return this.font;
  }
}
