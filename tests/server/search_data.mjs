// The dataset of the search tests (issue 14; tests/server/search.test.mjs,
// tests/browser/search.test.mjs).
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE } from './harness.mjs';

// The example region and, in Utrecht (GM0344, enrolled at 01KF-00): Mila van
// Wijk with a BSN, Emre Yılmaz (dotless ı), Loïs and Lois de Vries (one child
// twice?) and 60 more children named van Wijk; in Zeist (GM0355, at
// 02VR-00) another Mila van Wijk, outside the scope of Utrecht's users.
export const KIDS = 60;
export function dataset(dir) {
  const out = join(dir, 'data');
  cpSync(EXAMPLE, out, { recursive: true });
  const pupils = [
    ['S01', '999996356', '', '2014-02-16', 'Mila', 'van Wijk', 'GM0344', '01KF'],
    ['S02', '', '100000004', '2012-05-05', 'Emre', 'Yılmaz', 'GM0344', '01KF'],
    ['S03', '', '', '2011-01-01', 'Loïs', 'de Vries', 'GM0344', '01KF'],
    ['S04', '', '', '2011-01-01', 'Lois', 'De Vries', 'GM0344', '01KF'],
    ['S90', '', '', '2013-01-01', 'Mila', 'van Wijk', 'GM0355', '02VR'],
  ];
  for (let i = 0; i < KIDS; i++)
    pupils.push([`K${String(i).padStart(2, '0')}`, '', '', `2012-03-${String(1 + (i % 28)).padStart(2, '0')}`, `Kind${i}`, 'van Wijk', 'GM0344', '01KF']);
  appendFileSync(join(out, 'leerlingen.csv'), pupils.map(([id, bsn, onr, geb, vn, an]) => `${id},${bsn},${onr},${geb},${vn},${an},\n`).join(''));
  appendFileSync(join(out, 'woonadressen.csv'), pupils.map(([id, , , geb, , , gm]) => `${id},${gm},${geb},,0\n`).join(''));
  appendFileSync(join(out, 'inschrijvingen.csv'), pupils.map(([id, , , , , , , brin]) => `${id},${brin},00,2024-08-19,\n`).join(''));
  return out;
}

