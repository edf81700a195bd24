import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import type { Column } from './cells.js';
import { OutputClosedError, anySheet, writeCsv, writeXlsx, type Sheet } from './table-writer.js';

interface Row {
  n: number;
  name: string;
  at: Date;
}

const COLUMNS: ReadonlyArray<Column<Row>> = [
  { header: 'N', type: 'number', value: (row) => row.n },
  { header: 'Name', type: 'text', value: (row) => row.name },
  { header: 'At', type: 'datetime', value: (row) => row.at },
];

/** `count` rows, recording how many were pulled and whether the source was closed. */
function source(count: number) {
  const state = { pulled: 0, closed: false };
  async function* rows(): AsyncGenerator<Row> {
    try {
      for (let n = 1; n <= count; n++) {
        state.pulled = n;
        yield {
          n,
          name: n % 2 ? `=cmd|${n}` : `供应商 ${n}`,
          at: new Date(Date.UTC(2027, 0, 1, 0, 0, n)),
        };
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, rows: rows() };
}

/** Collects what is written. */
function collector() {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

/** A client that reads nothing until released: its buffer fills and backpressure sets in. */
function stalledClient() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const out = new Writable({
    highWaterMark: 1024,
    write(_chunk, _encoding, done) {
      void released.then(() => done());
    },
  });
  return { out, release };
}

describe('CSV writer', () => {
  it('writes a header and every row, with a BOM, neutralised text and CRLF', async () => {
    const { rows } = source(3);
    const { out, bytes } = collector();
    expect(await writeCsv({ name: 'T', columns: COLUMNS, rows }, out)).toBe(3);
    const text = bytes().toString('utf8');
    expect(text.startsWith('\uFEFFN,Name,At\r\n')).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { N: '1', Name: "'=cmd|1", At: '2027-01-01T00:00:01.000Z' },
      { N: '2', Name: '供应商 2', At: '2027-01-01T00:00:02.000Z' },
      { N: '3', Name: "'=cmd|3", At: '2027-01-01T00:00:03.000Z' },
    ]);
  });

  it('pulls rows only as fast as the output takes them', async () => {
    const { state, rows } = source(100_000);
    const client = stalledClient();
    const writing = writeCsv({ name: 'T', columns: COLUMNS, rows }, client.out);
    await sleep(200);
    expect(state.pulled).toBeLessThan(2_000);
    client.release();
    expect(await writing).toBe(100_000);
  });

  it('closes the row source when the output goes away', async () => {
    const { state, rows } = source(100_000);
    const client = stalledClient();
    const writing = writeCsv({ name: 'T', columns: COLUMNS, rows }, client.out);
    await sleep(50);
    client.out.destroy();
    await expect(writing).rejects.toThrow();
    expect(state.closed).toBe(true);
    expect(state.pulled).toBeLessThan(2_000);
  });
});

describe('XLSX writer', () => {
  it('writes each sheet with typed cells that read back the same', async () => {
    const first = source(3);
    const scores: Sheet<{ key: string; score: number | null }> = {
      name: 'Scores',
      columns: [
        { header: 'Key', type: 'text', value: (row) => row.key },
        { header: 'Score', type: 'number', value: (row) => row.score },
      ],
      rows: [
        { key: '@a', score: 66.5 },
        { key: 'b', score: null },
      ],
    };
    const { out, bytes } = collector();
    const count = await writeXlsx(
      [anySheet({ name: 'Rows', columns: COLUMNS, rows: first.rows }), anySheet(scores)],
      out,
    );
    expect(count).toBe(5);
    const sheets = await readXlsxFile(bytes());
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Rows', 'Scores']);
    const rows = sheets[0]!.data;
    expect(rows[0]).toEqual(['N', 'Name', 'At']);
    expect(rows.slice(1).map((row) => [row[0], row[1]])).toEqual([
      [1, '=cmd|1'],
      [2, '供应商 2'],
      [3, '=cmd|3'],
    ]);
    // Spreadsheets keep times as fractions of a day: within a millisecond.
    const at = (rows[1]![2] as unknown as Date).getTime();
    expect(Math.abs(at - Date.UTC(2027, 0, 1, 0, 0, 1))).toBeLessThanOrEqual(1);
    expect(sheets[1]!.data).toEqual([
      ['Key', 'Score'],
      ['@a', 66.5],
      ['b', null],
    ]);
  });

  it('pulls rows only as fast as the output takes them, and stops when it goes away', async () => {
    const { state, rows } = source(200_000);
    const client = stalledClient();
    const through = new PassThrough({ highWaterMark: 1024 });
    through.pipe(client.out);
    const writing = writeXlsx([anySheet({ name: 'T', columns: COLUMNS, rows })], through);
    await sleep(300);
    const pulled = state.pulled;
    expect(pulled).toBeLessThan(10_000);
    through.destroy();
    await expect(writing).rejects.toBeInstanceOf(OutputClosedError);
    expect(state.closed).toBe(true);
  });
});
