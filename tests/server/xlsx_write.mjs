// A minimal XLSX writer for the tests (no dependency): a zip archive (stored
// or deflated entries, CRC-32) with the parts a workbook needs. Cells are
// texts (shared strings), numbers ({ n }) or Excel date serials in the
// built-in date format 14 ({ serial }); zip(entries) builds any archive, for
// damaged and oversized files.
import { deflateRawSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

// entries: [{ name, data (Buffer|string), stored?, usize? (a lie to tell) }]
export function zip(entries) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.from(e.data);
    const packed = e.stored ? data : deflateRawSync(data);
    const name = Buffer.from(e.name);
    const head = (sig, size) => { const b = Buffer.alloc(size); b.writeUInt32LE(sig, 0); return b; };
    const l = head(0x04034b50, 30);
    l.writeUInt16LE(20, 4); l.writeUInt16LE(e.stored ? 0 : 8, 8);
    l.writeUInt32LE(crc32(data), 14); l.writeUInt32LE(packed.length, 18); l.writeUInt32LE(e.usize ?? data.length, 22);
    l.writeUInt16LE(name.length, 26);
    const c = head(0x02014b50, 46);
    c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(e.stored ? 0 : 8, 10);
    c.writeUInt32LE(crc32(data), 16); c.writeUInt32LE(packed.length, 20); c.writeUInt32LE(e.usize ?? data.length, 24);
    c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    locals.push(l, name, packed);
    centrals.push(c, name);
    offset += l.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const col = (i) => (i >= 26 ? col(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

// rows: arrays of cells; the first sheet of a workbook with two (the second is never read).
export function xlsx(rows, { sheet = 'xl/worksheets/sheet1.xml' } = {}) {
  const strings = [];
  const cells = rows.map((r, y) => `<row r="${y + 1}">${r.map((v, x) => {
    const ref = `${col(x)}${y + 1}`;
    if (v === '' || v == null) return '';
    if (typeof v === 'object' && 'serial' in v) return `<c r="${ref}" s="1"><v>${v.serial}</v></c>`;
    if (typeof v === 'object') return `<c r="${ref}"><v>${v.n}</v></c>`;
    strings.push(v);
    return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
  }).join('')}</row>`).join('');
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return zip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0"?><workbook ${ns} ${rel}><sheets><sheet name="Lijst" sheetId="1" r:id="rId7"/><sheet name="Oud" sheetId="2" r:id="rId8"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId8" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Target="' + sheet.replace(/^xl\//, '') + '"/></Relationships>' },
    { name: 'xl/styles.xml', data: `<?xml version="1.0"?><styleSheet ${ns}><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>` },
    { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0"?><sst ${ns}>${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>` },
    { name: sheet, data: `<?xml version="1.0"?><worksheet ${ns}><sheetData>${cells}</sheetData></worksheet>` },
    { name: 'xl/worksheets/sheet2.xml', data: `<?xml version="1.0"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>niet dit blad</t></is></c></row></sheetData></worksheet>` },
  ]);
}

// Excel's serial day of a date JJJJ-MM-DD (the 1900 system).
export const serial = (iso) => Math.round((Date.UTC(...iso.split('-').map((x, i) => Number(x) - (i === 1 ? 1 : 0))) - Date.UTC(1899, 11, 30)) / 86400000);
