import { Readable, type Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { csvCell, xlsxCell, xlsxNumberFormat, type Column } from './cells.js';

/** A table to write: its columns, and its rows, read one at a time. */
export interface Sheet<Row> {
  readonly name: string;
  readonly columns: ReadonlyArray<Column<Row>>;
  readonly rows: AsyncIterable<Row> | Iterable<Row>;
}

/** A sheet whose row type no longer matters: its columns only ever read its own rows. */
export function anySheet<Row>(sheet: Sheet<Row>): Sheet<unknown> {
  return sheet as unknown as Sheet<unknown>;
}

/** How many rows have been written so far (also after a failure). */
export interface RowCounter {
  rows: number;
}

/** A response the client stopped reading (it disconnected, or the download timed out). */
export class OutputClosedError extends Error {
  constructor() {
    super('The output closed before the export was written');
    this.name = 'OutputClosedError';
  }
}

/**
 * Writes `sheet` as CSV (RFC 4180: CRLF, quotes as needed, with a UTF-8 byte order mark so that
 * spreadsheet programs read non-Latin text right) and returns how many rows it wrote. Rows are
 * pulled only as fast as `out` takes them; if `out` fails or closes early, the row source is
 * closed too (for a query stream, that ends the query).
 */
export async function writeCsv<Row>(
  sheet: Sheet<Row>,
  out: Writable,
  counter: RowCounter = { rows: 0 },
): Promise<number> {
  async function* records(): AsyncGenerator<string[]> {
    for await (const row of sheet.rows) {
      counter.rows += 1;
      yield sheet.columns.map((column) => csvCell(column.type, column.value(row)));
    }
  }
  await pipeline(
    Readable.from(records()),
    stringify({
      header: true,
      columns: sheet.columns.map((column) => column.header),
      bom: true,
      record_delimiter: 'windows',
    }),
    out,
  );
  return counter.rows;
}

/**
 * Resolves once `target` may take more, rejects when `out` (the response) closes or fails
 * first: the target may be a stream between exceljs and `out`, which `out` going away leaves
 * stuck.
 */
function drained(target: Writable, out: Writable): Promise<void> {
  if (out.destroyed || out.writableFinished) return Promise.reject(new OutputClosedError());
  if (!target.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      target.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => finish();
    const onClose = () => finish(new OutputClosedError());
    const onError = (error: Error) => finish(error);
    target.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/**
 * The streams a worksheet's rows wait in before the zip takes them. exceljs's worksheet writes
 * to an internal buffer that ignores backpressure and hands 64 KiB batches to the zip entry's
 * input stream, which is where unread rows pile up when the client reads slowly: its
 * `writableNeedDrain` is the signal to stop adding rows. Falls back to none if exceljs changes.
 */
function entryInputs(worksheet: unknown): Writable[] {
  const pipes = (worksheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  return Array.isArray(pipes)
    ? pipes.filter((pipe): pipe is Writable => typeof pipe?.writableNeedDrain === 'boolean')
    : [];
}

/** Rows between two looks at the backpressure. */
const ROWS_PER_CHECK = 50;

/**
 * Writes `sheets` as one XLSX workbook with exceljs's streaming writer (no shared strings: each
 * row is committed, that is written out, as soon as it is added) and returns how many rows it
 * wrote over all sheets. Rows are pulled only while `out` keeps up; if it closes early the row
 * source is closed and OutputClosedError is thrown.
 */
export async function writeXlsx(
  sheets: ReadonlyArray<Sheet<unknown>>,
  out: Writable,
  counter: RowCounter = { rows: 0 },
): Promise<number> {
  let closed = false;
  let finished = false;
  out.once('finish', () => (finished = true));
  const closedEarly = new Promise<never>((_, reject) => {
    out.once('close', () => {
      closed = true;
      if (!finished) reject(new OutputClosedError());
    });
  });
  closedEarly.catch(() => undefined);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((column) => {
      const numFmt = xlsxNumberFormat(column.type);
      return {
        header: column.header,
        width: column.width ?? 12,
        ...(numFmt ? { style: { numFmt } } : {}),
      };
    });
    let sinceCheck = 0;
    for await (const row of sheet.rows) {
      if (closed) throw new OutputClosedError();
      worksheet
        .addRow(sheet.columns.map((column) => xlsxCell(column.type, column.value(row))))
        .commit();
      counter.rows += 1;
      if (++sinceCheck >= ROWS_PER_CHECK) {
        sinceCheck = 0;
        // The zip takes up the entry a little later: until then, let it get there.
        const inputs = entryInputs(worksheet);
        if (inputs.length === 0) await setImmediate();
        for (const target of [...inputs, out]) await drained(target, out);
      }
    }
    worksheet.commit();
  }
  await Promise.race([workbook.commit(), closedEarly]);
  return counter.rows;
}
