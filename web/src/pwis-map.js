// <pwis-map>: the bureau's map of road works, excavation permits, no-dig
// zones and public works projects, drawn from pwis's own vector tiles.
//
//   <script src="https://pwis.example/widget/pwis-map.js"></script>
//   <pwis-map layers="roadworks,permits,projects" lang="zh-TW"></pwis-map>
//
// Attributes: layers (any of roadworks, permits, no_dig_zones, projects),
// lang (zh-TW or en), api (the pwis front's URL; default: where this script
// came from), center ("lng,lat"), zoom, date ("YYYY-MM-DD": start on that
// day), base-map (a raster tile URL template of the host site's own base
// map; none by default: the widget needs no outside server).
//
// Events: pwis-ready (the map is up), pwis-idle (drawing done, detail.count
// features in view), pwis-select (detail: the feature opened).

const PWIS_SCRIPT_URL = (document.currentScript && document.currentScript.src) || location.href;
const PWIS_TIMED = ['roadworks', 'permits', 'no_dig_zones'];
const PWIS_KEY_ATTR = { roadworks: 'permit_number', permits: 'permit_no',
                        no_dig_zones: 'zone_no', projects: 'project_no' };
// Labels in both languages (Accept-Language naming neither): the widget
// switches language in place, without asking again.
const PWIS_HEADERS = { Accept: 'application/json', 'Accept-Language': '*' };
let pwisMapLibre = null;

function pwisLoadMapLibre() {
  if (!pwisMapLibre) {
    const base = new URL('.', PWIS_SCRIPT_URL);
    pwisMapLibre = import(new URL('maplibre-gl.mjs', base).href);
  }
  return pwisMapLibre;
}

// Asked for as soon as this script runs, while the page is still being
// read: the map's time to first features starts with this 1 MB.
pwisLoadMapLibre().catch(() => { /* reported when a map is made */ });

// Parts of an instant in Asia/Taipei (formatToParts: no locale's format
// is relied on).
function pwisTaipeiParts(ms) {
  const parts = {};
  for (const p of new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Taipei', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(ms))) parts[p.type] = p.value;
  return parts;
}

function pwisTaipeiDay(ms) {
  const p = pwisTaipeiParts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

// The day after "YYYY-MM-DD" (`n` days after).
function pwisAddDays(day, n) {
  return new Date(Date.parse(`${day}T12:00:00+08:00`) + n * 86400000).toISOString().slice(0, 10);
}

const PWIS_DAY = /^\d{4}-\d{2}-\d{2}$/;

function pwisTaipeiTime(iso) {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return String(iso);
  const p = pwisTaipeiParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function pwisPeriod(start, end) {
  if (!start && !end) return '';
  return `${pwisTaipeiTime(start)} – ${pwisTaipeiTime(end)}`;
}

// [west, south, east, north] of a GeoJSON geometry.
function pwisBounds(geometry) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else for (const x of c) walk(x);
  };
  if (geometry && geometry.coordinates) walk(geometry.coordinates);
  if (geometry && geometry.geometries) for (const g of geometry.geometries) walk(g.coordinates);
  return Number.isFinite(b[0]) ? b : null;
}

class PwisMap extends HTMLElement {
  // `layers`, `center`, `zoom`, `date`, `api` and `base-map` are read once,
  // when the element is connected; `lang` may change at any time.
  static get observedAttributes() { return ['lang']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this._time = { mode: 'today', date: '' };
    this._selected = null;
    this._view = 'map';
    this._dig = null;        // {kind, vertices, buffer, from, to, result} while the tool is open
    this._visible = new Set();
  }

  get lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'zh-TW'; }
  set lang(v) { this.setAttribute('lang', v === 'en' ? 'en' : 'zh-TW'); }
  get layers() {
    const asked = (this.getAttribute('layers') || 'roadworks,permits,no_dig_zones,projects')
      .split(',').map((s) => s.trim());
    return PWIS_DATA_LAYERS.filter((l) => asked.includes(l));
  }
  get api() {
    const a = this.getAttribute('api');
    // Default: the server the script came from, under any path prefix
    // (the script is at <front>/widget/pwis-map.js).
    return (a ? new URL(a, location.href) : new URL('..', PWIS_SCRIPT_URL)).href.replace(/\/$/, '');
  }
  get map() { return this._map; }
  t(key) { return pwisText(this.lang, key); }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    const day = this.getAttribute('date');
    if (day && PWIS_DAY.test(day)) this._time = { mode: 'date', date: day };
    for (const l of this.layers) this._visible.add(l);
    this.shadowRoot.innerHTML = `<style>${PWIS_CSS}</style>
      <div class="pwis" part="frame">
        <div class="bar"></div>
        <div class="body">
          <div class="map" part="map"><div class="crosshair" aria-hidden="true"></div></div>
          <section class="list" hidden></section>
          <aside class="panel" hidden tabindex="-1"></aside>
        </div>
        <div class="legend"></div>
        <p class="status" role="status" aria-live="polite"></p>
      </div>`;
    this._root = this.shadowRoot.querySelector('.pwis');
    // Escape closes the open panel (or the search results) and gives the
    // focus back to what opened it.
    this._root.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      if (this._results) { this._results = null; this._renderResults(); return; }
      if (this._dig) this.closeDig();
      else if (!this._root.querySelector('.panel').hidden) this.closeDetails();
    });
    this._renderChrome();
    this._start().catch((e) => this._say(`${this.t('error')}: ${e.message}`));
  }

  attributeChangedCallback(name, old, value) {
    if (!this._root || old === value) return;
    if (name === 'lang') {
      const had = this.shadowRoot.activeElement;
      const again = had && had.classList && had.classList.contains('lang-toggle');
      this._renderChrome();
      if (again) this._root.querySelector('.lang-toggle').focus();
      this._relabelMap();
      this._say('');
      if (this._dig) this._renderDig();
      else if (this._license) this._openHit(this._license, false);
      else if (this._selected) this._openDetails(this._selected, false);
      this._renderList(true);
    }
  }

  async _start() {
    const maplibregl = await pwisLoadMapLibre();
    const centre = (this.getAttribute('center') || '120.3014,22.6273').split(',').map(Number);
    const zoom = Number(this.getAttribute('zoom') || 12);
    const container = this._root.querySelector('.map');
    this._map = new maplibregl.Map({
      container,
      style: pwisStyle((l) => this._tileUrl(l), this.layers, this.lang, this.getAttribute('base-map')),
      center: centre, zoom, minZoom: 7, maxZoom: 19,
      attributionControl: false,
      localIdeographFontFamily: 'sans-serif',
      locale: { 'NavigationControl.ZoomIn': this.t('zoom_in'), 'NavigationControl.ZoomOut': this.t('zoom_out') },
    });
    this._map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this._map.addControl(new maplibregl.AttributionControl({ compact: true,
      customAttribution: '© 高雄市政府工務局 Kaohsiung PWB' }));
    this._map.on('styleimagemissing', (e) => {
      if (e.id === 'pwis-hatch') this._map.addImage('pwis-hatch', pwisHatchImage());
    });
    this._map.on('load', () => {
      this._loaded = true;
      this._relabelMap();
      this._scheduleMidnight();
      this.dispatchEvent(new CustomEvent('pwis-ready'));
    });
    const note = () => {
      const n = this._root.querySelector('.legend .note');
      if (n) n.hidden = this._map.getZoom() >= 10;
    };
    this._map.on('zoomend', note);
    this._map.on('load', note);
    this._map.on('idle', () => {
      const drawn = this.features();
      this._root.querySelector('.count').textContent = String(drawn.length);
      if (this._view === 'list') this._renderList(false, drawn);
      this.dispatchEvent(new CustomEvent('pwis-idle', { detail: { count: drawn.length } }));
    });
    this._map.on('click', (e) => this._onClick(e));
    // Keyboard selection on the map itself: the arrow keys pan (MapLibre),
    // a crosshair marks the centre, and Enter opens what is under it (or
    // marks a dig-site point there while the dig tool is open).
    this._map.getCanvas().addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      const c = this._map.getCanvas();
      const point = { x: c.clientWidth / 2, y: c.clientHeight / 2 };
      this._onClick({ point, lngLat: this._map.unproject([point.x, point.y]), radius: 12 });
    });
    for (const name of this.layers) {
      for (const part of ['area', 'line', 'point']) {
        const id = `pwis-${name}-${part}`;
        this._map.on('mouseenter', id, () => { this._map.getCanvas().style.cursor = 'pointer'; });
        this._map.on('mouseleave', id, () => { this._map.getCanvas().style.cursor = ''; });
      }
    }
  }

  // The query string of the time filter, as the list endpoints take it:
  // whole Asia/Taipei days (today; today and the 6 days after; the chosen
  // day), so that a work earlier today shows in both and the tile URLs
  // stay the same all day (cacheable).
  timeQuery() {
    const today = pwisTaipeiDay(Date.now());
    if (this._time.mode === 'week') {
      const start = `${today}T00:00:00+08:00`, end = `${pwisAddDays(today, 7)}T00:00:00+08:00`;
      return `window_start=${encodeURIComponent(start)}&window_end=${encodeURIComponent(end)}`;
    }
    const day = this._time.mode === 'date' && PWIS_DAY.test(this._time.date) ? this._time.date : today;
    return `date=${encodeURIComponent(day)}`;
  }

  // "Today" moves on at Taipei midnight: the tiles are asked again then.
  _scheduleMidnight() {
    clearTimeout(this._midnight);
    const today = pwisTaipeiDay(Date.now());
    const wait = Date.parse(`${pwisAddDays(today, 1)}T00:00:05+08:00`) - Date.now();
    this._midnight = setTimeout(() => {
      if (this._time.mode !== 'date') this.setTime(this._time.mode);
      this._scheduleMidnight();
    }, Math.max(1000, wait));
  }

  disconnectedCallback() { clearTimeout(this._midnight); }

  _tileUrl(layer) {
    const q = PWIS_TIMED.includes(layer) ? `?${this.timeQuery()}` : '';
    return `${this.api}/v1/tiles/${layer}/{z}/{x}/{y}.mvt${q}`;
  }

  setTime(mode, date) {
    if (!['today', 'week', 'date'].includes(mode)) return;
    const day = date && PWIS_DAY.test(date) ? date : this._time.date;
    if (mode === 'date' && !PWIS_DAY.test(day || '')) return;
    this._time = { mode, date: day };
    if (this._map) {
      for (const l of this.layers) {
        const src = this._map.getSource(l);
        if (src && PWIS_TIMED.includes(l)) src.setTiles([this._tileUrl(l)]);
      }
    }
    this._syncBar();
  }

  // Brings the toolbar's controls in line with the state without
  // rebuilding them (which would lose the keyboard focus).
  _syncBar() {
    const bar = this._root.querySelector('.bar');
    for (const r of bar.querySelectorAll('input[name=pwis-time]')) r.checked = r.value === this._time.mode;
    const date = bar.querySelector('.date');
    if (this._time.date && date.value !== this._time.date) date.value = this._time.date;
    bar.querySelector('.list-toggle').setAttribute('aria-pressed', String(this._view === 'list'));
    bar.querySelector('.dig-toggle').setAttribute('aria-pressed', String(!!this._dig));
  }

  _interactiveLayers() {
    if (!this._map) return [];
    const ids = [];
    for (const name of this.layers) {
      if (!this._visible.has(name)) continue;
      for (const part of ['area', 'line', 'point']) {
        const id = `pwis-${name}-${part}`;
        if (this._map.getLayer(id)) ids.push(id);
      }
    }
    return ids;
  }

  // The features drawn in the current view, one entry per record (a record
  // cut by tile edges is drawn in pieces), in the list view's order.
  features() {
    const layers = this._interactiveLayers();
    if (!layers.length) return [];
    const seen = new Map();
    for (const f of this._map.queryRenderedFeatures({ layers })) {
      const layer = f.layer.id.split('-')[1];
      const key = `${layer}:${f.id !== undefined ? f.id : f.properties[PWIS_KEY_ATTR[layer]]}`;
      if (!seen.has(key)) seen.set(key, { layer, id: f.id, properties: f.properties });
    }
    const order = { roadworks: 0, permits: 1, no_dig_zones: 2, projects: 3 };
    return [...seen.values()].sort((a, b) => (order[a.layer] - order[b.layer]) ||
      String(this._name(a)).localeCompare(String(this._name(b))));
  }

  _name(f) {
    const p = f.properties;
    const en = this.lang === 'en';
    switch (f.layer) {
      case 'roadworks': return p.title || p.permit_number;
      case 'permits': return `${(en ? p.agency_en : p.agency_zh) || ''} ${p.permit_no || ''}`.trim();
      case 'no_dig_zones': return `${p.zone_no || ''} ${(en ? p.reason_en : p.reason_zh) || ''}`.trim();
      case 'projects': return (en ? p.name_en || p.name_zh : p.name_zh) || p.project_no;
      default: return '';
    }
  }

  _statusOf(f) {
    const p = f.properties;
    const en = this.lang === 'en';
    if (f.layer === 'projects') return `${en ? p.status_en : p.status_zh} · ${en ? p.behind_level_en : p.behind_level_zh}`;
    if (f.layer === 'no_dig_zones') return this.t('no_dig');
    return en ? p.status_en : p.status_zh;
  }

  _onClick(e) {
    if (this._dig) {
      this.addDigVertex([e.lngLat.lng, e.lngLat.lat]);
      return;
    }
    const layers = this._interactiveLayers();
    const r = e.radius || 4;
    const box = [[e.point.x - r, e.point.y - r], [e.point.x + r, e.point.y + r]];
    const hit = this._map.queryRenderedFeatures(box, { layers });
    if (!hit.length) {
      if (e.radius) this._say(this.t('nothing_here'));
      return;
    }
    const f = hit[0];
    this._openDetails({ layer: f.layer.id.split('-')[1], id: f.id, properties: f.properties }, true);
  }

  async _get(path) {
    const res = await fetch(`${this.api}${path}`, { headers: PWIS_HEADERS });
    if (!res.ok) {
      let message = `${res.status}`;
      try { message = (await res.json()).message || message; } catch (_) { /* not JSON */ }
      const err = new Error(message);
      err.status = res.status;
      throw err;
    }
    return res.json();
  }

  _row(key, value) {
    if (value === undefined || value === null || value === '') return '';
    return `<dt>${pwisEscape(this.t(key))}</dt><dd>${pwisEscape(value)}</dd>`;
  }

  // Opens the details panel of `f` ({layer, id, properties}); the full
  // record comes from the API (the tile carries a summary).
  async _openDetails(f, focus) {
    if (this._dig) this.closeDig(false);
    this._say('');  // An earlier message no longer applies.
    this._selected = f;
    this._license = null;
    if (focus) this._opener = this.shadowRoot.activeElement;
    const panel = this._root.querySelector('.panel');
    panel.hidden = false;
    const heading = pwisEscape(this._name(f));
    const head = `<div class="panel-head"><h2 id="pwis-details-title">${heading}</h2>` +
      `<button type="button" class="close" data-i18n="close">${pwisEscape(this.t('close'))}</button></div>`;
    panel.setAttribute('aria-labelledby', 'pwis-details-title');
    panel.innerHTML = head + `<p>${pwisEscape(this.t('loading'))}</p>`;
    panel.querySelector('.close').addEventListener('click', () => this.closeDetails());
    if (focus) panel.focus();
    this.dispatchEvent(new CustomEvent('pwis-select', { detail: { layer: f.layer, id: f.id, properties: f.properties } }));
    let body = '';
    const p = f.properties;
    const en = this.lang === 'en';
    const L = (x) => pwisLocal(this.lang, x);
    try {
      if (f.layer === 'roadworks') {
        const r = await this._get(`/v1/roadworks/${encodeURIComponent(f.id)}`);
        body = this._row('status', L(r.statusLabel)) + this._row('period', pwisPeriod(r.period && r.period.startTime, r.period && r.period.endTime)) +
          this._row('roads', (r.roadNames || []).join('、')) + this._row('organiser', r.organiser) +
          this._row('contractor', r.contractor) + this._row('contact', r.contactPhone);
        f.geometry = r.geometry;
      } else if (f.layer === 'permits') {
        const r = await this._get(`/v1/permits/${encodeURIComponent(p.permit_no)}`);
        body = this._row('status', L(r.statusLabel)) + this._row('period', pwisPeriod(r.period && r.period.startTime, r.period && r.period.endTime)) +
          this._row('pipeline', L(r.pipelineTypeLabel)) + this._row('agency', r.agency && L(r.agency.name)) +
          this._row('purpose', r.purpose) + this._row('roads', (r.roadNames || []).join('、') || r.location) +
          this._row('contractor', r.contractor) + this._row('contact', r.agency && r.agency.publicPhone);
        f.geometry = r.geometry;
      } else if (f.layer === 'projects') {
        const [r, progress] = await Promise.all([
          this._get(`/v1/projects/${encodeURIComponent(p.project_no)}`),
          this._get(`/v1/projects/${encodeURIComponent(p.project_no)}/progress`)]);
        const money = (n) => (n ? `NT$ ${Number(n).toLocaleString('en-US')}` : '');
        body = this._row('status', L(r.statusLabel)) + this._row('behind', L(r.behindLevelLabel)) +
          this._row('category', L(r.categoryLabel)) + this._row('unit', r.unit && L(r.unit.name)) +
          this._row('contact', r.unit && r.unit.publicPhone) + this._row('contractor', r.contractor) +
          this._row('budget', money(r.budget)) + this._row('contract_amount', money(r.currentContractAmount || r.contractAmount)) +
          this._row('period', [r.contractStartDate, r.revisedCompletionDate || r.plannedCompletionDate].filter(Boolean).join(' – ')) +
          this._row('planned', r.latest ? `${r.latest.plannedPercent || 0}%` : '') +
          this._row('actual', r.latest ? `${r.latest.actualPercent || 0}%` : '') +
          this._row('lag_reason', r.latest && r.latest.lagReason);
        body = `<dl>${body}</dl><h3>${pwisEscape(this.t('progress'))}</h3>${pwisSCurve(progress, this.lang)}`;
        f.geometry = r.geometry;
      } else {
        body = this._row('reason', en ? p.reason_en : p.reason_zh) + this._row('period', pwisPeriod(p.start_time, p.end_time));
      }
      if (this._selected !== f) return;
      panel.innerHTML = head + (body.startsWith('<dl>') ? body : `<dl>${body}</dl>`);
    } catch (e) {
      if (this._selected !== f) return;
      panel.innerHTML = head + `<p class="error">${pwisEscape(this.t('error'))}: ${pwisEscape(e.message)}</p>`;
    }
    panel.querySelector('.close').addEventListener('click', () => this.closeDetails());
  }

  closeDetails() {
    this._selected = null;
    this._license = null;
    const panel = this._root.querySelector('.panel');
    panel.hidden = true;
    panel.replaceChildren();  // Nothing stale left to translate or find.
    this._restoreFocus();
  }

  // Gives the focus back to what opened a panel (or the map).
  _restoreFocus() {
    const to = this._opener;
    this._opener = null;
    if (to && to.isConnected) to.focus();
    else if (this._map) this._map.getCanvas().focus();
  }

  // Runs `render` (which rebuilds part of the shadow DOM) and puts the
  // focus back on the control that had it, found again by its class and
  // value: rebuilding must not throw a keyboard user to the page's top.
  _keepFocus(render) {
    const had = this.shadowRoot.activeElement;
    const key = had && had !== this._map?.getCanvas() && had.className
      ? { cls: had.className.split(' ')[0], value: had.getAttribute('value'), i: had.dataset && had.dataset.i } : null;
    render();
    if (!key || !key.cls) return;
    let sel = `.${CSS.escape(key.cls)}`;
    if (key.value !== null) sel += `[value="${CSS.escape(key.value)}"]`;
    if (key.i !== undefined) sel += `[data-i="${CSS.escape(key.i)}"]`;
    const again = this._root.querySelector(sel);
    if (again) again.focus();
  }

  // Opens `f` as found by the list or the search: flies there first.
  _show(f, geometry) {
    const b = pwisBounds(geometry || f.geometry);
    if (b && this._map) this._map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { maxZoom: 17, padding: 40, duration: 0 });
    this._openDetails(f, true);
  }

  // Tells every user, seen and heard (a live region).
  _say(message) { this._root.querySelector('.status').textContent = message; }

  // The toolbar and the legend, in the current language.
  _renderChrome() {
    const t = (k) => pwisEscape(this.t(k));
    const m = this._time.mode;
    const radio = (mode) => `<label><input type="radio" name="pwis-time" value="${mode}"${m === mode ? ' checked' : ''}>` +
      `<span data-i18n="time_${mode}">${t('time_' + mode)}</span></label>`;
    const bar = this._root.querySelector('.bar');
    bar.innerHTML = `
      <h1 class="title" data-i18n="title">${t('title')}</h1>
      <form class="search" role="search">
        <label for="pwis-q" data-i18n="search_label">${t('search_label')}</label>
        <input id="pwis-q" type="search" autocomplete="off" value="${pwisEscape(this._lastQuery || '')}">
        <button type="submit" data-i18n="search">${t('search')}</button>
      </form>
      <fieldset class="time"><legend data-i18n="time">${t('time')}</legend>
        ${radio('today')}${radio('week')}${radio('date')}
        <label class="date-label"><span data-i18n="date">${t('date')}</span>
          <input type="date" class="date" value="${pwisEscape(this._time.date)}"></label>
      </fieldset>
      <div class="buttons">
        <button type="button" class="list-toggle" aria-pressed="${this._view === 'list'}" data-i18n="list_view">${t('list_view')}</button>
        <button type="button" class="dig-toggle" aria-pressed="${!!this._dig}" data-i18n="dig_tool">${t('dig_tool')}</button>
        <button type="button" class="lang-toggle" lang="${this.lang === 'en' ? 'zh-TW' : 'en'}" data-i18n="language">${t('language')}</button>
      </div>
      <ul class="results" hidden></ul>`;
    bar.querySelector('.search').addEventListener('submit', (e) => { e.preventDefault(); this.search(bar.querySelector('#pwis-q').value); });
    for (const r of bar.querySelectorAll('input[name=pwis-time]')) {
      r.addEventListener('change', () => this.setTime(r.value, bar.querySelector('.date').value || pwisTaipeiDay(Date.now())));
    }
    bar.querySelector('.date').addEventListener('change', (e) => { if (e.target.value) this.setTime('date', e.target.value); });
    bar.querySelector('.list-toggle').addEventListener('click', () => this.setView(this._view === 'list' ? 'map' : 'list'));
    bar.querySelector('.dig-toggle').addEventListener('click', () => (this._dig ? this.closeDig() : this.openDig()));
    bar.querySelector('.lang-toggle').addEventListener('click', () => { this.lang = this.lang === 'en' ? 'zh-TW' : 'en'; });
    if (this._results) this._renderResults();

    const legend = this._root.querySelector('.legend');
    let rows = '';
    for (const name of this.layers) {
      const swatches = (PWIS_LEGEND[name] || []).map(([key, colour, shape, mark]) =>
        `<li><span class="swatch ${shape}" style="--c:${colour}" aria-hidden="true"></span>` +
        `${mark ? `<span class="mark" aria-hidden="true">${pwisEscape(mark)}</span>` : ''}<span data-i18n="${key}">${t(key)}</span></li>`).join('');
      rows += `<li class="layer"><label><input type="checkbox" value="${name}"${this._visible.has(name) ? ' checked' : ''}>` +
        `<span data-i18n="layer_${name}">${t('layer_' + name)}</span></label><ul>${swatches}</ul></li>`;
    }
    // Folded at first on a narrow screen, where it would cover the map.
    if (this._legendOpen === undefined) this._legendOpen = this.getBoundingClientRect().width > 640;
    legend.innerHTML = `<details${this._legendOpen ? ' open' : ''}><summary data-i18n="legend">${t('legend')}</summary>
      <ul class="layers" aria-label="${t('layers')}">${rows}</ul>
      <p class="shown"><span data-i18n="shown">${t('shown')}</span>: <span class="count">${this._map ? this.features().length : 0}</span></p>
      <p class="note" data-i18n="zoom_in_note"${this._map && this._map.getZoom() >= 10 ? ' hidden' : ''}>${t('zoom_in_note')}</p></details>`;
    legend.querySelector('details').addEventListener('toggle', (e) => { this._legendOpen = e.target.open; });
    for (const c of legend.querySelectorAll('input[type=checkbox]')) {
      c.addEventListener('change', () => this.setLayerVisible(c.value, c.checked));
    }
    this._root.setAttribute('lang', this.lang);
    this._root.setAttribute('role', 'region');
    this._root.setAttribute('aria-label', this.t('title'));
  }

  _relabelMap() {
    // Not isStyleLoaded(): that is false while any tile loads.
    if (!this._loaded) return;
    const field = ['get', this.lang === 'en' ? 'name_en' : 'name_zh'];
    for (const id of ['pwis-districts-label', 'pwis-villages-label']) {
      if (this._map.getLayer(id)) this._map.setLayoutProperty(id, 'text-field', field);
    }
    this._map.getCanvas().setAttribute('aria-label', `${this.t('title')}. ${this.t('map_keys')}`);
    for (const [cls, key] of [['.maplibregl-ctrl-zoom-in', 'zoom_in'], ['.maplibregl-ctrl-zoom-out', 'zoom_out']]) {
      const b = this._root.querySelector(cls);
      if (b) { b.setAttribute('aria-label', this.t(key)); b.title = this.t(key); }
    }
  }

  setLayerVisible(name, on) {
    if (on) this._visible.add(name); else this._visible.delete(name);
    if (!this._map) return;
    for (const part of ['area', 'line', 'point', 'edge', 'mark']) {
      const id = `pwis-${name}-${part}`;
      if (this._map.getLayer(id)) this._map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    }
  }

  setView(view) {
    this._view = view;
    const list = this._root.querySelector('.list');
    list.hidden = view !== 'list';
    this._root.querySelector('.body').classList.toggle('listing', view === 'list');
    this._syncBar();
    if (view === 'list') this._renderList(true);
  }

  // The table of everything drawn in the view: the map's contents for
  // keyboards and screen readers.
  //
  // Rebuilt after each drawing only when what is drawn changed (`force`:
  // always), keeping the keyboard focus where it was. `drawn`: features()
  // when the caller has it already.
  _renderList(force, drawn) {
    const list = this._root.querySelector('.list');
    const t = (k) => pwisEscape(this.t(k));
    const features = drawn || this.features();
    const signature = features.map((f) => `${f.layer}:${f.id}`).join(',');
    if (!force && signature === this._listSignature) return;
    this._listSignature = signature;
    const rows = features.map((f, i) => {
      const p = f.properties;
      return `<tr><td>${t('layer_' + f.layer)}</td><td><button type="button" class="open" data-i="${i}">${pwisEscape(this._name(f))}</button></td>` +
        `<td>${pwisEscape(this._statusOf(f) || '')}</td><td>${pwisEscape(pwisPeriod(p.start_time, p.end_time))}</td></tr>`;
    });
    this._keepFocus(() => {
    list.innerHTML = `<table class="data"><caption data-i18n="list_caption">${t('list_caption')}</caption>
      <thead><tr><th scope="col" data-i18n="col_layer">${t('col_layer')}</th><th scope="col" data-i18n="col_name">${t('col_name')}</th>
      <th scope="col" data-i18n="col_status">${t('col_status')}</th><th scope="col" data-i18n="col_period">${t('col_period')}</th></tr></thead>
      <tbody>${rows.join('')}</tbody></table>`;
    for (const b of list.querySelectorAll('button.open')) {
      b.addEventListener('click', () => this._openDetails(features[Number(b.dataset.i)], true));
    }
    });
  }

  // Search: a permit number, a license number, a road (its road works) or
  // an address or name (its licenses). Only the lookups the text can be are
  // asked (a permit number is no road name). Each hit flies to its place
  // and opens; one hit opens at once.
  async search(text) {
    const q = String(text || '').trim().normalize('NFKC');
    this._lastQuery = q;
    if (!q) return [];
    this._say(this.t('loading'));
    const enc = encodeURIComponent(q);
    const tryGet = async (path) => { try { return await this._get(path); } catch (e) { return null; } };
    const cjk = /[\u3400-\u9fff]/.test(q);
    const permitLike = /^[A-Za-z]{0,4}[-\d]{5,}$/.test(q);
    const licenseLike = /^[(（]?\d{2,3}[)）]?.*(字|建|使|雜|拆).*\d+/.test(q) || /^\d{2,3}-\d{1,5}(-\d{1,2})?$/.test(q);
    const [permit, license, works, licenses] = await Promise.all([
      permitLike ? tryGet(`/v1/permits/${enc}`) : null,
      licenseLike ? tryGet(`/v1/licenses/${enc}`) : null,
      cjk && !licenseLike ? tryGet(`/v1/roadworks?road=${enc}&${this.timeQuery()}&page_size=20`) : null,
      cjk && !licenseLike ? tryGet(`/v1/licenses:search?q=${enc}&page_size=10`) : null,
    ]);
    const hits = [];
    if (permit) {
      const name = (permit.agency && permit.agency.name) || {};
      hits.push({ layer: 'permits', id: Number(permit.id), geometry: permit.geometry,
        properties: { permit_no: permit.permitNo, agency_zh: name.zhTw, agency_en: name.en } });
    }
    const seenLicense = new Set();
    for (const l of [license, ...((licenses && licenses.licenses) || [])]) {
      if (!l || seenLicense.has(l.licenseNo)) continue;
      seenLicense.add(l.licenseNo);
      hits.push({ layer: 'license', geometry: l.geometry, license: l });
    }
    for (const r of (works && works.roadWorks) || []) {
      hits.push({ layer: 'roadworks', id: Number(r.id), geometry: r.geometry,
        properties: { title: r.title, permit_number: r.permitNumber } });
    }
    this._results = hits;
    this._renderResults();
    this._say(hits.length ? `${this.t('search')}: ${hits.length}` : this.t('search_none'));
    if (hits.length === 1) this._openHit(hits[0], true);
    else if (hits.length) this._root.querySelector('.results button').focus();
    return hits;
  }

  // A hit's label, in the current language.
  _hitLabel(h) {
    if (h.layer !== 'license') return this._name(h);
    const l = h.license;
    const where = (l.addresses && l.addresses[0] && l.addresses[0].text) || '';
    return `${l.licenseNo} ${pwisLocal(this.lang, l.kindLabel)} ${where}`.trim();
  }

  _renderResults() {
    const ul = this._root.querySelector('.results');
    const hits = this._results || [];
    ul.hidden = !hits.length;
    ul.innerHTML = hits.map((h, i) => `<li><button type="button" class="hit" data-i="${i}">${pwisEscape(this._hitLabel(h))}</button></li>`).join('');
    for (const b of ul.querySelectorAll('button')) b.addEventListener('click', () => this._openHit(hits[Number(b.dataset.i)], true));
  }

  _openHit(h, fly) {
    this._results = null;
    this._renderResults();
    if (h.layer !== 'license') return this._show({ layer: h.layer, id: h.id, properties: h.properties }, h.geometry);
    if (this._dig) this.closeDig(false);
    const b = pwisBounds(h.geometry);
    if (fly && b && this._map) this._map.jumpTo({ center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], zoom: 17 });
    if (fly) this._opener = this.shadowRoot.activeElement;
    const l = h.license;
    const L = (x) => pwisLocal(this.lang, x);
    const panel = this._root.querySelector('.panel');
    panel.hidden = false;
    this._selected = null;
    this._license = h;
    panel.setAttribute('aria-labelledby', 'pwis-details-title');
    const parties = (l.parties || []).map((p) => `${L(p.roleLabel)}: ${p.name}${p.office ? ` (${p.office})` : ''}`).join('；');
    panel.innerHTML = `<div class="panel-head"><h2 id="pwis-details-title">${pwisEscape(l.licenseNo)}</h2>` +
      `<button type="button" class="close" data-i18n="close">${pwisEscape(this.t('close'))}</button></div><dl>` +
      this._row('license_kind', L(l.kindLabel)) + this._row('project_name', l.projectName) +
      this._row('issue_date', l.issueDate) + this._row('address', (l.addresses || []).map((a) => a.text).join('；')) +
      this._row('parties', parties) + '</dl>';
    panel.querySelector('.close').addEventListener('click', () => this.closeDetails());
    if (fly) panel.focus();
  }
}
