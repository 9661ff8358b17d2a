// The dig-site check tool: utility staff mark the site on the map (a
// point, a line or an area), pick a buffer and the days, and get the
// verdict and the conflicts of POST /v1/digsite:check, to export as CSV or
// GeoJSON.
Object.assign(PwisMap.prototype, {
  openDig() {
    const today = pwisTaipeiDay(Date.now());
    this._dig = { kind: 'line', vertices: [], buffer: 10, from: today,
                  to: pwisTaipeiDay(Date.now() + 7 * 86400000), result: null };
    this._syncBar();
    this._renderDig();
  },

  closeDig() {
    this._dig = null;
    this._drawDig();
    this._root.querySelector('.panel').hidden = true;
    this._syncBar();
  },

  // The site as a GeoJSON geometry, or null when not enough is marked.
  digSite() {
    const d = this._dig;
    if (!d || !d.vertices.length) return null;
    const v = d.vertices;
    if (d.kind === 'point' || v.length === 1) return { type: 'Point', coordinates: v[v.length - 1] };
    if (d.kind === 'polygon' && v.length >= 3) return { type: 'Polygon', coordinates: [[...v, v[0]]] };
    return { type: 'LineString', coordinates: v };
  },

  digRequest() {
    const d = this._dig;
    return { site: this.digSite(), bufferM: Number(d.buffer) || 0,
             window: { startDate: d.from, endDate: d.to } };
  },

  _drawDig() {
    if (!this._map || !this._map.isStyleLoaded()) return;
    const site = this._dig && this.digSite();
    const data = { type: 'FeatureCollection', features: site ? [{ type: 'Feature', geometry: site, properties: {} }] : [] };
    if (this._dig) for (const c of this._dig.vertices) data.features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: { vertex: true } });
    const src = this._map.getSource('pwis-dig');
    if (src) { src.setData(data); return; }
    this._map.addSource('pwis-dig', { type: 'geojson', data });
    this._map.addLayer({ id: 'pwis-dig-area', type: 'fill', source: 'pwis-dig', filter: PWIS_IS_POLYGON,
                         paint: { 'fill-color': '#000000', 'fill-opacity': 0.15 } });
    this._map.addLayer({ id: 'pwis-dig-line', type: 'line', source: 'pwis-dig', filter: ['!=', ['geometry-type'], 'Point'],
                         paint: { 'line-color': '#000000', 'line-width': 3, 'line-dasharray': [1, 1] } });
    this._map.addLayer({ id: 'pwis-dig-vertex', type: 'circle', source: 'pwis-dig', filter: PWIS_IS_POINT,
                         paint: { 'circle-color': '#ffffff', 'circle-radius': 5, 'circle-stroke-color': '#000000', 'circle-stroke-width': 2 } });
  },

  _renderDig() {
    const d = this._dig;
    const panel = this._root.querySelector('.panel');
    const t = (k) => pwisEscape(this.t(k));
    const L = (x) => pwisEscape(pwisLocal(this.lang, x));
    panel.hidden = false;
    panel.setAttribute('aria-labelledby', 'pwis-dig-title');
    const kind = (k) => `<label><input type="radio" name="pwis-dig-kind" value="${k}"${d.kind === k ? ' checked' : ''}><span data-i18n="dig_${k}">${t('dig_' + k)}</span></label>`;
    let result = '';
    if (d.result && d.result.error) result = `<p class="error" role="alert">${pwisEscape(d.result.error)}</p>`;
    else if (d.result) {
      const r = d.result;
      const rows = (r.conflicts || []).map((c) => `<tr><td>${L(c.kindLabel)}</td><td>${pwisEscape(c.reference)}</td><td>${L(c.title)}</td>` +
        `<td>${Math.round(c.distanceM || 0)}</td><td>${pwisEscape(pwisPeriod(c.period && c.period.startTime, c.period && c.period.endTime))}</td>` +
        `<td>${L(c.responsible && c.responsible.name)} ${pwisEscape((c.responsible && c.responsible.phone) || '')}</td></tr>`).join('');
      result = `<div class="verdict ${pwisEscape(String(r.verdict || '').toLowerCase())}" role="alert">` +
        `<strong data-i18n="dig_verdict">${t('dig_verdict')}</strong>: <span class="verdict-label">${L(r.verdictLabel)}</span></div>` +
        `<ul class="reasons">${(r.reasons || []).map((x) => `<li>${L(x)}</li>`).join('')}</ul>` +
        ((r.conflicts || []).length ? `<table class="data conflicts"><caption data-i18n="dig_conflicts">${t('dig_conflicts')}</caption><thead><tr>` +
          `<th scope="col">${t('col_layer')}</th><th scope="col">${t('col_reference')}</th><th scope="col">${t('col_name')}</th><th scope="col">${t('distance')}</th>` +
          `<th scope="col">${t('period')}</th><th scope="col">${t('contact')}</th></tr></thead><tbody>${rows}</tbody></table>`
          : `<p data-i18n="dig_none">${t('dig_none')}</p>`) +
        `<p class="exports"><button type="button" class="export-csv" data-i18n="dig_export_csv">${t('dig_export_csv')}</button>` +
        `<button type="button" class="export-geojson" data-i18n="dig_export_geojson">${t('dig_export_geojson')}</button></p>`;
    }
    panel.innerHTML = `<div class="panel-head"><h2 id="pwis-dig-title" data-i18n="dig_tool">${t('dig_tool')}</h2>` +
      `<button type="button" class="close" data-i18n="close">${t('close')}</button></div>
      <p data-i18n="dig_help">${t('dig_help')}</p>
      <form class="dig">
        <fieldset><legend data-i18n="dig_kind">${t('dig_kind')}</legend>${kind('point')}${kind('line')}${kind('polygon')}</fieldset>
        <p><span data-i18n="dig_vertices">${t('dig_vertices')}</span>: <span class="vertex-count">${d.vertices.length}</span></p>
        <p class="row"><button type="button" class="add-centre" data-i18n="dig_add_centre">${t('dig_add_centre')}</button>
          <button type="button" class="undo" data-i18n="dig_undo">${t('dig_undo')}</button>
          <button type="button" class="clear" data-i18n="dig_clear">${t('dig_clear')}</button></p>
        <p class="row"><label><span data-i18n="dig_buffer">${t('dig_buffer')}</span>
          <input type="number" class="buffer" min="0" max="500" step="1" value="${pwisEscape(d.buffer)}"></label></p>
        <p class="row"><label><span data-i18n="dig_from">${t('dig_from')}</span> <input type="date" class="from" value="${pwisEscape(d.from)}" required></label>
          <label><span data-i18n="dig_to">${t('dig_to')}</span> <input type="date" class="to" value="${pwisEscape(d.to)}" required></label></p>
        <p class="row"><button type="submit" class="check" data-i18n="dig_check">${t('dig_check')}</button></p>
      </form><div class="dig-result">${result}</div>`;
    const form = panel.querySelector('form.dig');
    panel.querySelector('.close').addEventListener('click', () => this.closeDig());
    for (const r of form.querySelectorAll('input[name=pwis-dig-kind]')) {
      r.addEventListener('change', () => { d.kind = r.value; d.result = null; this._renderDig(); });
    }
    form.querySelector('.add-centre').addEventListener('click', () => {
      const c = this._map.getCenter();
      d.vertices.push([c.lng, c.lat]);
      if (d.kind === 'point') d.vertices = d.vertices.slice(-1);
      d.result = null;
      this._renderDig();
      panel.querySelector('.add-centre').focus();
    });
    form.querySelector('.undo').addEventListener('click', () => { d.vertices.pop(); d.result = null; this._renderDig(); });
    form.querySelector('.clear').addEventListener('click', () => { d.vertices = []; d.result = null; this._renderDig(); });
    form.querySelector('.buffer').addEventListener('change', (e) => { d.buffer = e.target.value; });
    form.querySelector('.from').addEventListener('change', (e) => { d.from = e.target.value; });
    form.querySelector('.to').addEventListener('change', (e) => { d.to = e.target.value; });
    form.addEventListener('submit', (e) => { e.preventDefault(); this.checkDigSite(); });
    const csv = panel.querySelector('.export-csv');
    if (csv) csv.addEventListener('click', () => this._download('dig-site-check.csv', 'text/csv;charset=utf-8', this.digCsv()));
    const gj = panel.querySelector('.export-geojson');
    if (gj) gj.addEventListener('click', () => this._download('dig-site-check.geojson', 'application/geo+json', JSON.stringify(this.digGeoJson())));
    this._drawDig();
  },

  async checkDigSite() {
    const d = this._dig;
    if (!d) return null;
    if (!this.digSite()) {
      d.result = { error: this.t('dig_need_points') };
      this._renderDig();
      return null;
    }
    const res = await fetch(`${this.api}/v1/digsite:check`, {
      method: 'POST', headers: { ...PWIS_HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify(this.digRequest()) });
    const body = await res.json().catch(() => ({}));
    d.result = res.ok ? body : { error: `${this.t('error')}: ${body.message || res.status}` };
    this._renderDig();
    const v = this._root.querySelector('.panel .dig-result');
    if (v) v.scrollIntoView({ block: 'nearest' });
    return d.result;
  },

  // The conflicts as CSV (UTF-8 with a byte-order mark, so spreadsheet
  // programs read the Chinese right).
  digCsv() {
    const r = (this._dig && this._dig.result) || {};
    const q = (s) => `"${String(s === undefined || s === null ? '' : s).replace(/"/g, '""')}"`;
    const lines = [['verdict', 'kind', 'reference', 'title_zh', 'title_en', 'distance_m', 'start', 'end', 'overlap_first_day',
      'overlap_last_day', 'responsible_zh', 'responsible_en', 'phone'].join(',')];
    for (const c of r.conflicts || []) {
      lines.push([r.verdict, c.kind, c.reference, c.title && c.title.zhTw, c.title && c.title.en, (c.distanceM || 0).toFixed(1),
        c.period && c.period.startTime, c.period && c.period.endTime, c.overlap && c.overlap.firstDay, c.overlap && c.overlap.lastDay,
        c.responsible && c.responsible.name && c.responsible.name.zhTw, c.responsible && c.responsible.name && c.responsible.name.en,
        c.responsible && c.responsible.phone].map(q).join(','));
    }
    if (!(r.conflicts || []).length) lines.push([r.verdict].map(q).join(','));
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  },

  digGeoJson() {
    const r = (this._dig && this._dig.result) || {};
    const features = [{ type: 'Feature', geometry: r.site || this.digSite(),
      properties: { role: 'site', verdict: r.verdict, buffer_m: r.bufferM, reasons: (r.reasons || []).map((x) => x.en) } }];
    for (const c of r.conflicts || []) {
      features.push({ type: 'Feature', geometry: c.geometry || null,
        properties: { role: 'conflict', kind: c.kind, reference: c.reference, title_zh: c.title && c.title.zhTw,
          title_en: c.title && c.title.en, distance_m: c.distanceM || 0, start: c.period && c.period.startTime,
          end: c.period && c.period.endTime, phone: c.responsible && c.responsible.phone } });
    }
    return { type: 'FeatureCollection', features };
  },

  _download(name, type, text) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    this.shadowRoot.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  },
});

if (!customElements.get('pwis-map')) customElements.define('pwis-map', PwisMap);
