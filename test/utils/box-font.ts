/**
 * A tiny TrueType font, made in memory, in which every character it knows is a box: enough
 * for pdfkit to embed and for a PDF reader to map back to text, without shipping a real CJK
 * font (tens of megabytes) with the tests. It knows printable ASCII and `extra`.
 */
export function boxFont(extra: string, postscriptName = 'AssayTestBoxes'): Buffer {
  const characters = [
    ...new Set([
      ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
      ...Array.from(extra),
    ]),
  ]
    .map((character) => character.codePointAt(0)!)
    .filter((code) => code <= 0xffff)
    .sort((a, b) => a - b);
  const glyphCount = characters.length + 1; // glyph 0 is .notdef
  const unitsPerEm = 1000;
  const advance = (code: number) => (code >= 0x2e80 ? 1000 : 600);

  // glyf: a box per glyph (a space is empty), loca (long offsets).
  const box = (width: number): Buffer => {
    const body = Buffer.alloc(10 + 2 + 2 + 4 + 16);
    let o = 0;
    const [x0, y0, x1, y1] = [50, 0, width - 50, 700];
    o = body.writeInt16BE(1, o); // one contour
    o = body.writeInt16BE(x0, o);
    o = body.writeInt16BE(y0, o);
    o = body.writeInt16BE(x1, o);
    o = body.writeInt16BE(y1, o);
    o = body.writeUInt16BE(3, o); // end point of the contour
    o = body.writeUInt16BE(0, o); // no instructions
    for (let i = 0; i < 4; i++) o = body.writeUInt8(0x01, o); // on-curve, 16-bit deltas
    for (const dx of [x0, 0, x1 - x0, 0]) o = body.writeInt16BE(dx, o);
    for (const dy of [y0, y1 - y0, 0, y0 - y1]) o = body.writeInt16BE(dy, o);
    return body;
  };
  const glyphs: Buffer[] = [box(600)];
  const widths = [600];
  for (const code of characters) {
    widths.push(advance(code));
    glyphs.push(code === 0x20 ? Buffer.alloc(0) : box(advance(code)));
  }
  const loca = Buffer.alloc((glyphCount + 1) * 4);
  let offset = 0;
  glyphs.forEach((glyph, index) => {
    loca.writeUInt32BE(offset, index * 4);
    offset += glyph.length;
  });
  loca.writeUInt32BE(offset, glyphCount * 4);
  const glyf = Buffer.concat(glyphs);

  const head = Buffer.alloc(54);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt32BE(0x00010000, 4);
  head.writeUInt32BE(0x5f0f3cf5, 12);
  head.writeUInt16BE(0x000b, 16);
  head.writeUInt16BE(unitsPerEm, 18);
  head.writeInt16BE(0, 36);
  head.writeInt16BE(-200, 38);
  head.writeInt16BE(1000, 40);
  head.writeInt16BE(800, 42);
  head.writeUInt16BE(8, 46); // lowestRecPPEM
  head.writeInt16BE(2, 48); // fontDirectionHint
  head.writeInt16BE(1, 50); // long loca offsets

  const hhea = Buffer.alloc(36);
  hhea.writeUInt32BE(0x00010000, 0);
  hhea.writeInt16BE(800, 4);
  hhea.writeInt16BE(-200, 6);
  hhea.writeUInt16BE(1000, 10);
  hhea.writeInt16BE(950, 16);
  hhea.writeInt16BE(1, 18);
  hhea.writeUInt16BE(glyphCount, 34);

  const maxp = Buffer.alloc(32);
  maxp.writeUInt32BE(0x00010000, 0);
  maxp.writeUInt16BE(glyphCount, 4);
  maxp.writeUInt16BE(4, 6);
  maxp.writeUInt16BE(1, 8);
  maxp.writeUInt16BE(2, 14);

  const hmtx = Buffer.alloc(glyphCount * 4);
  widths.forEach((width, index) => {
    hmtx.writeUInt16BE(width, index * 4);
    hmtx.writeInt16BE(50, index * 4 + 2);
  });

  // cmap: format 4, one segment per character, then the closing 0xFFFF segment.
  const segments = [...characters.map((code, index) => [code, index + 1] as const), [0xffff, 0]];
  const segCount = segments.length;
  const subtable = Buffer.alloc(16 + segCount * 8);
  let s = 0;
  s = subtable.writeUInt16BE(4, s);
  s = subtable.writeUInt16BE(subtable.length, s);
  s = subtable.writeUInt16BE(0, s);
  s = subtable.writeUInt16BE(segCount * 2, s);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount));
  s = subtable.writeUInt16BE(searchRange, s);
  s = subtable.writeUInt16BE(Math.floor(Math.log2(segCount)), s);
  s = subtable.writeUInt16BE(segCount * 2 - searchRange, s);
  for (const [code] of segments) s = subtable.writeUInt16BE(code, s);
  s = subtable.writeUInt16BE(0, s);
  for (const [code] of segments) s = subtable.writeUInt16BE(code, s);
  for (const [code, glyph] of segments)
    s = subtable.writeUInt16BE((glyph - code + 0x10000) & 0xffff, s);
  for (let i = 0; i < segCount; i++) s = subtable.writeUInt16BE(0, s);
  const cmapHeader = Buffer.alloc(12);
  cmapHeader.writeUInt16BE(0, 0);
  cmapHeader.writeUInt16BE(1, 2);
  cmapHeader.writeUInt16BE(3, 4);
  cmapHeader.writeUInt16BE(1, 6);
  cmapHeader.writeUInt32BE(12, 8);
  const cmap = Buffer.concat([cmapHeader, subtable]);

  const names: Array<[number, string]> = [
    [1, 'Assay Test Boxes'],
    [2, 'Regular'],
    [4, 'Assay Test Boxes Regular'],
    [6, postscriptName],
  ];
  const strings = names.map(([, text]) => Buffer.from(text, 'utf16le').swap16());
  const nameHeader = Buffer.alloc(6 + names.length * 12);
  nameHeader.writeUInt16BE(0, 0);
  nameHeader.writeUInt16BE(names.length, 2);
  nameHeader.writeUInt16BE(nameHeader.length, 4);
  let stringOffset = 0;
  names.forEach(([id], index) => {
    const at = 6 + index * 12;
    nameHeader.writeUInt16BE(3, at);
    nameHeader.writeUInt16BE(1, at + 2);
    nameHeader.writeUInt16BE(0x409, at + 4);
    nameHeader.writeUInt16BE(id, at + 6);
    nameHeader.writeUInt16BE(strings[index]!.length, at + 8);
    nameHeader.writeUInt16BE(stringOffset, at + 10);
    stringOffset += strings[index]!.length;
  });
  const name = Buffer.concat([nameHeader, ...strings]);

  const os2 = Buffer.alloc(96);
  os2.writeUInt16BE(4, 0);
  os2.writeInt16BE(700, 2);
  os2.writeUInt16BE(400, 4);
  os2.writeUInt16BE(5, 6);
  os2.write('ASSY', 58, 'latin1');
  os2.writeUInt16BE(0x40, 62);
  os2.writeUInt16BE(characters[0]!, 64);
  os2.writeUInt16BE(characters.at(-1)!, 66);
  os2.writeInt16BE(800, 68);
  os2.writeInt16BE(-200, 70);
  os2.writeUInt16BE(800, 74);
  os2.writeUInt16BE(200, 76);
  os2.writeInt16BE(500, 86); // xHeight
  os2.writeInt16BE(700, 88); // capHeight

  const post = Buffer.alloc(32);
  post.writeUInt32BE(0x00030000, 0);

  const tables: Array<[string, Buffer]> = (
    [
      ['OS/2', os2],
      ['cmap', cmap],
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
      ['name', name],
      ['post', post],
    ] as Array<[string, Buffer]>
  ).sort(([a], [b]) => (a < b ? -1 : 1));
  const directory = Buffer.alloc(12 + tables.length * 16);
  directory.writeUInt32BE(0x00010000, 0);
  directory.writeUInt16BE(tables.length, 4);
  const tableSearch = 16 * 2 ** Math.floor(Math.log2(tables.length));
  directory.writeUInt16BE(tableSearch, 6);
  directory.writeUInt16BE(Math.floor(Math.log2(tables.length)), 8);
  directory.writeUInt16BE(tables.length * 16 - tableSearch, 10);
  const padded = (data: Buffer) => Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  const checksum = (data: Buffer) => {
    const words = padded(data);
    let sum = 0;
    for (let i = 0; i < words.length; i += 4) sum = (sum + words.readUInt32BE(i)) >>> 0;
    return sum;
  };
  let at = directory.length;
  tables.forEach(([tag, data], index) => {
    const entry = 12 + index * 16;
    directory.write(tag, entry, 'latin1');
    directory.writeUInt32BE(checksum(data), entry + 4);
    directory.writeUInt32BE(at, entry + 8);
    directory.writeUInt32BE(data.length, entry + 12);
    at += padded(data).length;
  });
  return Buffer.concat([directory, ...tables.map(([, data]) => padded(data))]);
}
