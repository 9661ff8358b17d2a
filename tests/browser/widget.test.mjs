// Browser tests of the map widget, driven by tests/widget_browser_test.cc
// (which seeds the database and starts pwis): playwright-core with Debian's
// Chromium, headless, against PWIS_URL. Screenshots of each state go to
// PWIS_TEST_OUTPUT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const base = process.env.PWIS_URL;
assert.ok(base, 'PWIS_URL is not set (run through widget_browser_test)');
const out = process.env.PWIS_TEST_OUTPUT || 'test-output/widget';
mkdirSync(out, { recursive: true });
const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
// The widget's dictionary, read from its source.
const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TEXT = new Function(`${readFileSync(join(root, 'web/src/i18n.js'), 'utf8')}; return PWIS_TEXT;`)();

let browser, page;
const consoleErrors = [];
const foreign = [];

async function api(path, init) {
  const res = await fetch(`${base}${path}`, init);
  const body = await res.json();
  assert.ok(res.ok, `${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// Waits until the map has drawn everything it asked for.
async function idle() {
  await page.evaluate(() => new Promise((resolve) => {
    const m = document.querySelector('pwis-map').map;
    m.once('idle', resolve);
    m.triggerRepaint();
  }));
}

async function shot(name) {
  await page.screenshot({ path: join(out, `${name}.png`) });
}

// Features drawn, by layer: {roadworks: Set(ids), ...}.
async function drawn() {
  const list = await page.evaluate(() => document.querySelector('pwis-map').features()
    .map((f) => ({ layer: f.layer, id: f.id, name: f.properties.title || f.properties.permit_no ||
      f.properties.project_no || f.properties.zone_no })));
  const by = {};
  for (const f of list) (by[f.layer] ||= new Set()).add(f.id);
  return { list, by };
}

async function bbox() {
  return page.evaluate(() => {
    const b = document.querySelector('pwis-map').map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(6)).join(',');
  });
}

async function timeQuery() {
  return page.evaluate(() => document.querySelector('pwis-map').timeQuery());
}

// The API's ids for the same view and time filter as the widget's.
async function apiIds(time) {
  const box = await bbox();
  const ids = async (path, field) => new Set(((await api(`${path}?bbox=${box}&page_size=500&${time}`))[field] || [])
    .map((r) => Number(r.id)));
  return {
    roadworks: await ids('/v1/roadworks', 'roadWorks'),
    permits: await ids('/v1/permits', 'permits'),
    no_dig_zones: await ids('/v1/nodigzones', 'noDigZones'),
    projects: new Set(((await api(`/v1/projects?bbox=${box}&page_size=500`)).projects || []).map((r) => Number(r.id))),
  };
}

// Where on the page a point of the map is.
async function pagePoint(lngLat) {
  return page.evaluate((ll) => {
    const el = document.querySelector('pwis-map');
    const r = el.map.getCanvas().getBoundingClientRect();
    const p = el.map.project(ll);
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}

async function axe(state) {
  // Evaluated, not added as a <script>: the page's Content-Security-Policy
  // (rightly) refuses inline scripts, and the test must not weaken it.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`), [],
    `axe-core: serious or critical violations (${state})`);
}

// A 256 x 256 PNG of one colour, for a host site's own base map.
function png(rgb) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0); ihdr.writeUInt32BE(256, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3).map((_, i) => rgb[i % 3])]);
  const raw = Buffer.concat(Array(256).fill(row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // Generous: ctest runs other tests beside this one on two cores, and the
  // sanitizer build's server is slower.
  page.setDefaultTimeout(60000);
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['blob:', 'data:'].includes(u.protocol) && !['127.0.0.1', 'localhost'].includes(u.hostname)) foreign.push(r.url());
  });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => {
    const el = document.querySelector('pwis-map');
    return el && el.map && el.map.loaded();
  });
  await page.evaluate(() => document.querySelector('pwis-map').map.jumpTo({ center: [120.3060, 22.6270], zoom: 14 }));
  await idle();
});

after(async () => { if (browser) await browser.close(); });

test('the page loads with no console error and no request leaving localhost', async () => {
  await shot('01-map-today');
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreign, []);
  const links = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of ['/docs/', '/openapi.json']) assert.ok(links.includes(href), `link ${href}`);
});

test('the features drawn are the API\'s for the same view and day', async () => {
  const { by } = await drawn();
  const want = await apiIds(await timeQuery());
  for (const layer of ['roadworks', 'permits', 'no_dig_zones', 'projects']) {
    assert.ok(want[layer].size > 0, `the API has ${layer} in view`);
    assert.deepEqual([...(by[layer] || [])].sort(), [...want[layer]].sort(), layer);
  }
  assert.equal(want.roadworks.size, 5);
  assert.equal(want.no_dig_zones.size, 2, 'an area and a line');
});

test('the time filter changes what is shown', async () => {
  await page.locator('pwis-map input[value=week]').check();
  await idle();
  const { by } = await drawn();
  const want = await apiIds(await timeQuery());
  assert.equal(want.roadworks.size, 8);
  assert.deepEqual([...by.roadworks].sort(), [...want.roadworks].sort());
  await shot('02-map-next-7-days');
  // A chosen day before anything started: no road works.
  const past = new Date(Date.now() - 40 * 86400000).toISOString().slice(0, 10);
  await page.locator('pwis-map input.date').fill(past);
  await page.locator('pwis-map input.date').dispatchEvent('change');
  await idle();
  assert.equal(((await drawn()).by.roadworks || new Set()).size, 0);
  await page.locator('pwis-map input[value=today]').check();
  await idle();
  assert.equal((await drawn()).by.roadworks.size, 5);
});

test('a click opens the details of the feature under it', async () => {
  const works = await api(`/v1/roadworks?${await timeQuery()}&page_size=50`);
  const closed = works.roadWorks.find((w) => w.trafficImpact && w.trafficImpact.fullClosure);
  assert.ok(closed, 'a full closure is seeded');
  const [a, b] = closed.geometry.coordinates;
  const at = await pagePoint([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  await page.mouse.click(at.x, at.y);
  const panel = page.locator('pwis-map aside.panel');
  await assert.doesNotReject(panel.locator('h2', { hasText: closed.title }).waitFor());
  await panel.locator('dd', { hasText: '大發營造有限公司' }).waitFor();
  await panel.locator('dd', { hasText: '07-3368333' }).waitFor();
  await shot('03-details-click');
  await axe('details open');
});

test('a keyboard selection on the map opens the feature at its centre', async () => {
  await page.locator('pwis-map aside.panel button.close').click();
  const works = await api(`/v1/roadworks?${await timeQuery()}&page_size=50`);
  const w = works.roadWorks.find((x) => x.title === '七賢二路管線更新');
  const [a, b] = w.geometry.coordinates;
  await page.evaluate((c) => document.querySelector('pwis-map').map.jumpTo({ center: c, zoom: 16 }),
    [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  await idle();
  await page.locator('pwis-map canvas').focus();
  await page.keyboard.press('Enter');
  await page.locator('pwis-map aside.panel h2', { hasText: w.title }).waitFor();
  // The arrow keys move the view; Enter then finds nothing at the centre.
  await page.locator('pwis-map canvas').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
  await idle();
  await page.keyboard.press('Enter');
  await page.locator('pwis-map p.status', { hasText: TEXT['zh-TW'].nothing_here }).waitFor({ state: 'attached' });
  await page.evaluate(() => document.querySelector('pwis-map').map.jumpTo({ center: [120.3060, 22.6270], zoom: 14 }));
  await idle();
});

test('the list view holds the features of the map, and a keyboard opens one', async () => {
  const toggle = page.locator('pwis-map button.list-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await idle();
  const { list } = await drawn();
  const rows = page.locator('pwis-map section.list tbody tr');
  assert.equal(await rows.count(), list.length);
  const names = await page.locator('pwis-map section.list tbody button').allTextContents();
  const expected = await page.evaluate(() => { const el = document.querySelector('pwis-map'); return el.features().map((f) => el._name(f)); });
  assert.deepEqual(names, expected);
  // Keyboard only: Tab from the toggle reaches the first row's button.
  const first = page.locator('pwis-map section.list tbody button').first();
  for (let i = 0; i < 40; i++) {
    if (await first.evaluate((b) => b.getRootNode().activeElement === b)) break;
    await page.keyboard.press('Tab');
  }
  assert.ok(await first.evaluate((b) => b.getRootNode().activeElement === b), 'Tab reaches the list');
  await page.keyboard.press('Enter');
  await page.locator('pwis-map aside.panel h2', { hasText: names[0] }).waitFor();
  const focused = await page.evaluate(() => document.querySelector('pwis-map').shadowRoot.activeElement.className);
  assert.equal(focused, 'panel');
  await shot('04-list-view');
  await axe('list view');
  await toggle.click();
});

test('a project opens with its S-curve', async () => {
  const projects = await api('/v1/projects?q=%E8%8B%93%E9%9B%85%E9%81%8B%E5%8B%95');
  assert.equal(projects.projects.length, 1);
  const p = projects.projects[0];
  const ring = p.geometry.coordinates[0];
  const cx = ring.reduce((s, c) => s + c[0], 0) / ring.length, cy = ring.reduce((s, c) => s + c[1], 0) / ring.length;
  // Take the map's own answer for the spot (a permit could sit on top).
  await page.evaluate(() => document.querySelector('pwis-map').setLayerVisible('permits', false));
  await idle();
  const at = await pagePoint([cx, cy]);
  await page.mouse.click(at.x, at.y);
  const panel = page.locator('pwis-map aside.panel');
  await panel.locator('h2', { hasText: p.name.zhTw }).waitFor();
  await panel.locator('svg.scurve').waitFor();
  assert.equal(await panel.locator('svg.scurve polyline').count(), 2);
  const progress = await api(`/v1/projects/${p.projectNo}/progress`);
  assert.equal(await panel.locator('details table tbody tr').count(), progress.reports.length);
  await panel.locator('dd', { hasText: '用地取得延宕' }).waitFor();
  await shot('05-project-s-curve');
  await page.evaluate(() => document.querySelector('pwis-map').setLayerVisible('permits', true));
});

test('the search finds a permit by number and opens it', async () => {
  await page.locator('pwis-map #pwis-q').fill('K11502001');
  await page.keyboard.press('Enter');
  await page.locator('pwis-map aside.panel h2', { hasText: 'K11502001' }).waitFor();
  await page.locator('pwis-map aside.panel dd', { hasText: '台灣自來水公司第七區管理處' }).waitFor();
  const centre = await page.evaluate(() => document.querySelector('pwis-map').map.getCenter().toArray());
  const permit = await api('/v1/permits/K11502001');
  assert.ok(Math.abs(centre[0] - permit.geometry.coordinates[0]) < 1e-4, 'flew to the permit');
  await shot('06-search-permit');
});

test('the search finds a license by number, persons masked, and by address', async () => {
  await page.locator('pwis-map #pwis-q').fill('(108)高市工建築字第02302號');
  await page.keyboard.press('Enter');
  const panel = page.locator('pwis-map aside.panel');
  await panel.locator('h2', { hasText: '(108)高市工建築字第02302號' }).waitFor();
  const text = await panel.textContent();
  assert.ok(text.includes('王○明'), 'the owner, masked');
  assert.ok(text.includes('大高雄營造股份有限公司'), 'a company in full');
  const everything = await page.evaluate(() => document.querySelector('pwis-map').shadowRoot.innerHTML);
  assert.ok(!everything.includes('王小明') && !everything.includes('0912-345-678'), 'no unmasked name or phone');
  await shot('06b-search-license');
  // By address: the license is among the hits (or the only one, opened).
  await page.locator('pwis-map aside.panel button.close').click();
  assert.ok(await panel.isHidden());
  await page.locator('pwis-map #pwis-q').fill('四維三路2號');
  await page.keyboard.press('Enter');
  const hit = page.locator('pwis-map .results button', { hasText: '02302' });
  await Promise.race([hit.first().waitFor(), panel.locator('h2', { hasText: '02302' }).waitFor()]);
  if (await hit.count()) {
    const wanted = page.locator('pwis-map .results button', { hasText: '(108)高市工建築字第02302號' });
    assert.ok(await wanted.count() >= 1, 'the license is among the hits');
    await wanted.first().click();
  }
  await panel.locator('h2', { hasText: '(108)高市工建築字第02302號' }).waitFor();
  assert.ok(await page.locator('pwis-map .results').isHidden(), 'the hits close once one is opened');
  await page.locator('pwis-map aside.panel button.close').click();
});

test('the dig-site check gives the verdict the API gives for the same site', async () => {
  await page.locator('pwis-map button.dig-toggle').click();
  const works = await api(`/v1/roadworks?${await timeQuery()}&page_size=50`);
  const w = works.roadWorks.find((x) => x.title === '五福三路路面修補');
  const [a, b] = w.geometry.coordinates;
  const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  await page.evaluate((c) => document.querySelector('pwis-map').map.jumpTo({ center: c, zoom: 16 }), mid);
  await idle();
  for (const ll of [[mid[0], mid[1] - 0.0006], [mid[0], mid[1] + 0.0006]]) {
    const at = await pagePoint(ll);
    await page.mouse.click(at.x, at.y);
  }
  assert.equal(await page.locator('pwis-map .vertex-count').textContent(), '2');
  await page.locator('pwis-map input.buffer').fill('5');
  await page.locator('pwis-map input.buffer').dispatchEvent('change');
  await page.locator('pwis-map button.check').click();
  await page.locator('pwis-map .verdict-label').waitFor();
  const request = await page.evaluate(() => document.querySelector('pwis-map').digRequest());
  assert.equal(request.site.type, 'LineString');
  assert.equal(request.site.coordinates.length, 2);
  assert.equal(request.bufferM, 5);
  const today = await page.evaluate(() => document.querySelector('pwis-map')._dig.from);
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(request.window.startDate, today);
  assert.equal(Date.parse(request.window.endDate) - Date.parse(today), 7 * 86400000);
  const direct = await api('/v1/digsite:check', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request) });
  assert.equal(direct.verdict, 'DIG_VERDICT_CONFLICTS');
  assert.equal(await page.locator('pwis-map .verdict-label').textContent(), direct.verdictLabel.zhTw);
  const refs = (direct.conflicts || []).map((c) => c.reference);
  const rows = page.locator('pwis-map table.conflicts tbody tr');
  assert.equal(await rows.count(), refs.length);
  assert.ok(refs.length >= 1);
  await shot('07-dig-site-check');
  await axe('dig-site result');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('pwis-map button.export-csv').click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.equal(csvText.trim().split('\r\n').length, refs.length + 1);
  assert.ok(csvText.startsWith('\ufeffverdict,check_time,buffer_m,window_first_day'));
  for (const ref of refs.filter(Boolean)) assert.ok(csvText.includes(`"${ref}"`), ref);
  assert.ok(csvText.includes('"五福三路路面修補"'));
  // A cell a spreadsheet would run as a formula is neutralised.
  const neutral = await page.evaluate(() => {
    const el = document.querySelector('pwis-map');
    const saved = el._dig.result;
    el._dig.result = { verdict: 'DIG_VERDICT_CONFLICTS', conflicts: [{ reference: '=HYPERLINK("x")', title: { zhTw: '+1', en: '@a' } }] };
    const csv = el.digCsv();
    el._dig.result = saved;
    return csv;
  });
  assert.ok(neutral.includes(`"'=HYPERLINK(""x"")"`) && neutral.includes(`"'+1"`) && neutral.includes(`"'@a"`), neutral);
  const [gj] = await Promise.all([page.waitForEvent('download'), page.locator('pwis-map button.export-geojson').click()]);
  const fc = JSON.parse(readFileSync(await gj.path(), 'utf8'));
  assert.equal(fc.features.length, refs.length + 1);
  assert.equal(fc.features[0].properties.verdict, direct.verdict);
  await page.locator('pwis-map button.dig-toggle').click();
});

test('the language toggle switches every label', async () => {
  assert.deepEqual(Object.keys(TEXT.en).sort(), Object.keys(TEXT['zh-TW']).sort(), 'both languages have every key');
  const labels = () => page.evaluate(() => [...document.querySelector('pwis-map').shadowRoot.querySelectorAll('[data-i18n]')]
    .map((e) => [e.dataset.i18n, e.textContent.trim()]));
  for (const [key, text] of await labels()) assert.equal(text, TEXT['zh-TW'][key], key);
  await page.locator('pwis-map button.lang-toggle').click();
  await idle();
  const en = await labels();
  assert.ok(en.length > 20);
  for (const [key, text] of en) assert.equal(text, TEXT.en[key], key);
  const field = await page.evaluate(() => document.querySelector('pwis-map').map.getLayoutProperty('pwis-districts-label', 'text-field'));
  assert.deepEqual(field, ['get', 'name_en']);
  const zoomIn = await page.locator('pwis-map .maplibregl-ctrl-zoom-in').getAttribute('aria-label');
  assert.equal(zoomIn, TEXT.en.zoom_in);
  // Details open in English too: every label of the panel is English.
  await page.locator('pwis-map button.list-toggle').click();
  await idle();
  await page.locator('pwis-map section.list tbody button').first().click();
  await page.locator('pwis-map aside.panel dt', { hasText: 'Status' }).first().waitFor();
  const english = new Set(Object.values(TEXT.en));
  for (const dt of await page.locator('pwis-map aside.panel dt').allTextContents()) assert.ok(english.has(dt), dt);
  for (const th of await page.locator('pwis-map section.list th').allTextContents()) assert.ok(english.has(th), th);
  await shot('08-english');
  await axe('English');
  await page.locator('pwis-map button.list-toggle').click();
});

test('at 320 px wide everything is reachable without sideways scrolling', async () => {
  await page.setViewportSize({ width: 320, height: 640 });
  await idle();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `page is ${width}px wide`);
  const overflow = await page.evaluate(() => {
    const bar = document.querySelector('pwis-map').shadowRoot.querySelector('.bar');
    return [...bar.querySelectorAll('button, input')].filter((e) => e.getBoundingClientRect().right > 321).length;
  });
  assert.equal(overflow, 0);
  await shot('09-narrow-320px');
  await axe('320 px');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('a host site\'s own raster base map (base-map) is drawn under the layers', async () => {
  // The host site: its page and its tiles on a server of its own (local).
  const tile = png([200, 220, 240]);
  const tiles = [];
  const host = createServer((req, res) => {
    const m = req.url.match(/^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/);
    if (m) {
      tiles.push(m.slice(1).map(Number));
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      return res.end(tile);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="zh-TW"><title>host</title><body>
<script src="${base}/widget/pwis-map.js"></script>
<pwis-map layers="roadworks,permits" center="120.3060,22.6270" zoom="14"
  base-map="http://127.0.0.1:${host.address().port}/tiles/{z}/{x}/{y}.png"
  style="display:block;height:600px"></pwis-map></body></html>`);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  const p = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  try {
    await p.goto(`http://127.0.0.1:${host.address().port}/host.html`);
    await p.waitForFunction(() => { const el = document.querySelector('pwis-map'); return el && el.map && el.map.loaded(); });
    await p.evaluate(() => new Promise((resolve) => {
      const m = document.querySelector('pwis-map').map; m.once('idle', resolve); m.triggerRepaint();
    }));
    const state = await p.evaluate(() => {
      const el = document.querySelector('pwis-map');
      const layers = el.map.getStyle().layers.map((l) => l.id);
      return { layers, drawn: el.features().length };
    });
    // Under everything else, and tiles of the view's zoom were asked for.
    assert.equal(state.layers[0] === 'pwis-basemap' || state.layers[1] === 'pwis-basemap', true, state.layers.join(','));
    assert.ok(tiles.length > 0, 'no base-map tile was requested');
    assert.ok(tiles.every(([z]) => z >= 13 && z <= 15), JSON.stringify(tiles));
    assert.ok(state.drawn > 0, 'the layers are drawn over the base map');
    await p.screenshot({ path: join(out, '11-host-base-map.png') });
    assert.deepEqual(errors, []);
  } finally {
    await p.close();
    host.close();
  }
});

test('the embed page shows the two-line embed and a working map', async () => {
  const p = await browser.newPage();
  const errors = [];
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(`${base}/embed.html`);
  await p.waitForFunction(() => { const el = document.querySelector('pwis-map'); return el && el.map && el.map.loaded(); });
  assert.match(await p.locator('pre code').textContent(), /<script src=.*\/widget\/pwis-map\.js"><\/script>\s*<pwis-map/);
  await p.screenshot({ path: join(out, '10-embed.png') });
  assert.deepEqual(errors, []);
  await p.close();
  assert.deepEqual(consoleErrors, [], 'no console error in any state');
  assert.deepEqual(foreign, [], 'no request left localhost');
});
