// Time from navigation to the widget's first features drawn, in Chromium
// (headless, SwiftShader WebGL: no GPU), read with the Performance API.
// Each run is a new browser context (empty HTTP cache, as a first visit).
//
//   node bench/widget_ttff.mjs URL RUNS [SCREENSHOT.png]
// Prints one line per run and a summary line:
//   runs=N base_p50_ms= first_p50_ms= first_max_ms= all_p50_ms= all_max_ms= features=
// base: the first frame with a district drawn (the base map: the floor a
// page with no data would have); first: the first frame with any data
// feature; all: the map idle with every tile drawn (the features counted
// then).
import { chromium } from 'playwright-core';

const [url, runsArg, screenshot] = process.argv.slice(2);
const runs = Number(runsArg || 10);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});

// Runs in the page before its scripts: watches the map's frames.
function probe() {
  window.__ttff = {};
  const hook = () => {
    const el = document.querySelector('pwis-map');
    if (!el || !el.map) return requestAnimationFrame(hook);
    const m = el.map;
    const layers = () => m.getStyle().layers.map((l) => l.id)
      .filter((id) => /^pwis-(roadworks|permits|no_dig_zones|projects)-/.test(id));
    const onRender = () => {
      if (window.__ttff.base === undefined && m.getLayer('pwis-districts-fill') &&
          m.queryRenderedFeatures({ layers: ['pwis-districts-fill'] }).length > 0) {
        window.__ttff.base = performance.now();
      }
      if (window.__ttff.first === undefined && m.queryRenderedFeatures({ layers: layers() }).length > 0) {
        window.__ttff.first = performance.now();
      }
      if (window.__ttff.first !== undefined && window.__ttff.base !== undefined) m.off('render', onRender);
    };
    m.on('render', onRender);
    el.addEventListener('pwis-idle', (e) => {
      if (window.__ttff.first !== undefined && window.__ttff.all === undefined && e.detail.count > 0) {
        window.__ttff.all = performance.now();
        window.__ttff.count = e.detail.count;
      }
    });
  };
  document.addEventListener('DOMContentLoaded', hook);
}

const base = [], first = [], all = [];
let features = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(probe);
  // Tiles are fetched by MapLibre's worker: seen here, not in the page's
  // resource timing. Times relative to the navigation's start.
  const tileTimes = [];
  let t0 = 0;
  page.on('requestfinished', (req) => {
    if (/\/v1\/tiles\//.test(req.url())) tileTimes.push([Date.now() - t0, req.timing()]);
  });
  t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.__ttff && window.__ttff.all !== undefined, null, { timeout: 60000 });
  await page.waitForFunction(() => window.__ttff.base !== undefined, null, { timeout: 60000 });
  const t = await page.evaluate(() => window.__ttff);
  // Where the time went: when the scripts arrived, and the tiles.
  const r = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource');
    const end = (re) => Math.max(0, ...e.filter((x) => re.test(x.name)).map((x) => x.responseEnd));
    const tiles = e.filter((x) => /\/v1\/tiles\//.test(x.name));
    const nav = performance.getEntriesByType('navigation')[0];
    return { dom: nav ? nav.domContentLoadedEventEnd : 0, widget: end(/pwis-map\.js/), maplibre: end(/maplibre-gl\.mjs/),
      worker: end(/maplibre-gl-worker/), tiles: tiles.length,
      firstTile: tiles.length ? Math.min(...tiles.map((x) => x.startTime)) : 0,
      lastTile: tiles.length ? Math.max(...tiles.map((x) => x.responseEnd)) : 0 };
  });
  const starts = tileTimes.map(([done, tm]) => done - (tm.responseEnd - tm.requestStart));
  const waits = tileTimes.map(([, tm]) => tm.responseStart - tm.requestStart).sort((a, b) => a - b);
  console.log(`  phases: DOMContentLoaded ${r.dom.toFixed(0)} ms, pwis-map.js ${r.widget.toFixed(0)}, maplibre-gl.mjs ${r.maplibre.toFixed(0)}, ` +
    `worker ${r.worker.toFixed(0)}; ${tileTimes.length} tiles, first asked ~${Math.min(...starts).toFixed(0)}, ` +
    `last done ~${Math.max(...tileTimes.map(([d]) => d)).toFixed(0)} ms, server wait p50 ${waits[Math.floor(waits.length / 2)]?.toFixed(1)} ms ` +
    `max ${waits[waits.length - 1]?.toFixed(1)} ms`);
  console.log(`run ${i + 1}: base ${(t.base || 0).toFixed(0)} ms, first ${t.first.toFixed(0)} ms, all ${t.all.toFixed(0)} ms, ${t.count} features`);
  base.push(t.base || 0); first.push(t.first); all.push(t.all); features = t.count;
  if (i === 0 && screenshot) await page.screenshot({ path: screenshot });
  await context.close();
}
await browser.close();
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
console.log(`runs=${runs} base_p50_ms=${pct(base, 0.5).toFixed(0)} first_p50_ms=${pct(first, 0.5).toFixed(0)} first_max_ms=${Math.max(...first).toFixed(0)} ` +
  `all_p50_ms=${pct(all, 0.5).toFixed(0)} all_max_ms=${Math.max(...all).toFixed(0)} features=${features}`);
