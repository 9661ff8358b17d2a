// Builds the widget into web/dist: pwis-map.js (our sources and the CSS it
// needs, MapLibre's included, as one classic script), MapLibre's module and
// worker beside it (loaded from the same place: no CDN), and the pages.
// Run by scripts/setup (`npm run build:widget`); no bundler needed.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const root = join(web, '..');
const dist = join(web, 'dist');
const maplibre = join(root, 'node_modules', 'maplibre-gl', 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const read = (p) => readFileSync(p, 'utf8');
const css = read(join(maplibre, 'maplibre-gl.css')) + '\n' + read(join(web, 'src', 'widget.css'));
const sources = ['i18n.js', 'style.js', 'scurve.js', 'pwis-map.js', 'digsite.js']
  .map((f) => `// ---- ${f}\n${read(join(web, 'src', f))}`).join('\n');
const { version } = JSON.parse(read(join(root, 'node_modules', 'maplibre-gl', 'package.json')));
writeFileSync(join(dist, 'pwis-map.js'),
  `/* pwis map widget. MapLibre GL JS ${version} (BSD-3-Clause) is loaded from maplibre-gl.mjs beside this file. */\n` +
  `(function () {\n'use strict';\nconst PWIS_CSS = ${JSON.stringify(css)};\n${sources}\n})();\n`);
for (const f of ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs']) copyFileSync(join(maplibre, f), join(dist, f));
copyFileSync(join(root, 'node_modules', 'maplibre-gl', 'LICENSE.txt'), join(dist, 'maplibre-gl-LICENSE.txt'));
for (const f of ['index.html', 'embed.html', 'favicon.svg']) copyFileSync(join(web, 'pages', f), join(dist, f));
console.log(`widget built in ${dist}`);
