// The dig-site check tool: utility staff mark the site on the map (a
// point, a line or an area), pick a buffer and the days, and get the
// verdict and the conflicts of POST /v1/digsite:check, to export as CSV or
// GeoJSON.
Object.assign(PwisMap.prototype, {
  openDig() {
    const today = pwisTaipeiDay(Date.now());
    this._selected = null;  // A late details answer must not replace the tool.
    this._license = null;
    this._opener = this.shadowRoot.activeElement;
    this._dig = { kind: 'line', vertices: [], buffer: '10', from: today, to: pwisAddDays(today, 7),
                  result: null, checking: false, seq: 0 };
    if (this._map) this._map.doubleClickZoom.disable();  // Each click is a vertex.
    this._syncBar();
    this._renderDig();
    this._root.querySelector('.panel').focus();
  },

  closeDig(restore = true) {
    if (!this._dig) return;
    this._dig = null;
    if (this._map) this._map.doubleClickZoom.enable();
    this._drawDig();
    const panel = this._root.querySelector('.panel');
    panel.hidden = true;
    panel.replaceChildren();
    this._syncBar();
    if (restore) this._restoreFocus();
  },

  // Adds a vertex (a point only keeps the last); any change drops the
  // verdict, which was for the site as it was.
  addDigVertex(lngLat) {
    const d = this._dig;
    if (!d) return;
    d.vertices = d.kind === 'point' ? [lngLat] : [...d.vertices, lngLat];
    this._digChanged();
  },

  _digChanged() {
    const d = this._dig;
    d.result = null;
    d.seq++;  // An answer on its way is for the old site: dropped.
    d.checking = false;
    this._keepFocus(() => this._renderDig());
  },

  // The site as a GeoJSON geometry, or null when not enough is marked for
  // the shape chosen (an area needs three points, a line two).
  digSite() {
    const d = this._dig;
    if (!d || !d.vertices.length) return null;
    const v = d.vertices;
    if (d.kind === 'point') return { type: 'Point', coordinates: v[v.length - 1] };
    if (d.kind === 'polygon') return v.length >= 3 ? { type: 'Polygon', coordinates: [[...v, v[0]]] } : null;
    return v.length >= 2 ? { type: 'LineString', coordinates: v } : null;
  },

  // The request as it will be sent. An empty buffer leaves the server's
  // default (it is not 0 m).
  digRequest() {
    const d = this._dig;
    const req = { site: this.digSite(), window: { startDate: d.from, endDate: d.to } };
    if (String(d.buffer).trim() !== '') req.bufferM = Number(d.buffer);
    return req;
  },

  _drawDig() {
    if (!this._loaded) return;
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

  _renderDigResult() {
    const r = this._dig.result;
    const t = (k) => pwisEscape(this.t(k));
    const L = (x) => pwisEscape(pwisLocal(this.lang, x));
    if (!r) return this._dig.checking ? `<p>${t('loading')}</p>` : '';
    if (r.error) return `<p class="error" role="alert">${pwisEscape(r.error)}</p>`;
    const rows = (r.conflicts || []).map((c) => `<tr><td>${L(c.kindLabel)}</td><td>${pwisEscape(c.reference)}</td><td>${L(c.title)}</td>` +
      `<td>${Math.round(Number(c.distanceM) || 0)}</td><td>${pwisEscape(pwisPeriod(c.period && c.period.startTime, c.period && c.period.endTime))}</td>` +
      `<td>${L(c.responsible && c.responsible.name)} ${pwisEscape((c.responsible && c.responsible.phone) || '')}</td></tr>`).join('');
    const unplaced = (r.unplacedPermits || []).map((u) => `<li>${pwisEscape(u.permitNo || '')} ${L(u.agency && u.agency.name)}: ` +
      `${pwisEscape(u.location || '')} (${pwisEscape(pwisPeriod(u.period && u.period.startTime, u.period && u.period.endTime))})</li>`).join('');
    const notify = (r.agenciesToNotify || []).map((a) => `<li>${L(a.agency && a.agency.name)} ${pwisEscape(a.digNoticePhone || '')}</li>`).join('');
    const clear = r.verdict === 'DIG_VERDICT_CLEAR';
    return `<div class="verdict ${pwisEscape(String(r.verdict || '').toLowerCase())}" role="alert">` +
      `<strong data-i18n="dig_verdict">${t('dig_verdict')}</strong>: <span class="verdict-label">${L(r.verdictLabel)}</span></div>` +
      (r.siteRepaired ? `<p class="note">${L(r.repairNote)}</p>` : '') +
      `<ul class="reasons">${(r.reasons || []).map((x) => `<li>${L(x)}</li>`).join('')}</ul>` +
      (rows ? `<table class="data conflicts"><caption data-i18n="dig_conflicts">${t('dig_conflicts')}</caption><thead><tr>` +
        `<th scope="col" data-i18n="col_layer">${t('col_layer')}</th><th scope="col" data-i18n="col_reference">${t('col_reference')}</th>` +
        `<th scope="col" data-i18n="col_name">${t('col_name')}</th><th scope="col" data-i18n="distance">${t('distance')}</th>` +
        `<th scope="col" data-i18n="period">${t('period')}</th><th scope="col" data-i18n="contact">${t('contact')}</th></tr></thead><tbody>${rows}</tbody></table>`
        : clear ? `<p data-i18n="dig_none">${t('dig_none')}</p>` : '') +
      (r.truncated ? `<p class="note" data-i18n="dig_truncated">${t('dig_truncated')}</p>` : '') +
      (unplaced ? `<h3 data-i18n="dig_unplaced">${t('dig_unplaced')}</h3><ul class="unplaced">${unplaced}</ul>` : '') +
      (notify ? `<h3 data-i18n="dig_notify">${t('dig_notify')}</h3><ul class="notify">${notify}</ul>` : '') +
      `<p class="exports"><button type="button" class="export-csv" data-i18n="dig_export_csv">${t('dig_export_csv')}</button>` +
      `<button type="button" class="export-geojson" data-i18n="dig_export_geojson">${t('dig_export_geojson')}</button></p>`;
  },

  _renderDig() {
    const d = this._dig;
    if (!d) return;
    const panel = this._root.querySelector('.panel');
    const t = (k) => pwisEscape(this.t(k));
    panel.hidden = false;
    panel.setAttribute('aria-labelledby', 'pwis-dig-title');
    const kind = (k) => `<label><input type="radio" class="dig-kind" name="pwis-dig-kind" value="${k}"${d.kind === k ? ' checked' : ''}><span data-i18n="dig_${k}">${t('dig_' + k)}</span></label>`;
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
        <p class="row"><button type="submit" class="check" data-i18n="dig_check"${d.checking ? ' disabled' : ''}>${t('dig_check')}</button></p>
      </form><div class="dig-result" aria-live="polite">${this._renderDigResult()}</div>`;
    const form = panel.querySelector('form.dig');
    panel.querySelector('.close').addEventListener('click', () => this.closeDig());
    for (const r of form.querySelectorAll('input[name=pwis-dig-kind]')) {
      r.addEventListener('change', () => {
        d.kind = r.value;
        if (d.kind === 'point') d.vertices = d.vertices.slice(-1);
        this._digChanged();
      });
    }
    form.querySelector('.add-centre').addEventListener('click', () => {
      const c = this._map.getCenter();
      this.addDigVertex([c.lng, c.lat]);
    });
    form.querySelector('.undo').addEventListener('click', () => { d.vertices.pop(); this._digChanged(); });
    form.querySelector('.clear').addEventListener('click', () => { d.vertices = []; this._digChanged(); });
    const field = (cls, key) => form.querySelector(cls).addEventListener('change', (e) => {
      d[key] = e.target.value;
      this._digChanged();
    });
    field('.buffer', 'buffer');
    field('.from', 'from');
    field('.to', 'to');
    form.addEventListener('submit', (e) => { e.preventDefault(); this.checkDigSite(); });
    const csv = panel.querySelector('.export-csv');
    if (csv) csv.addEventListener('click', () => this._download('dig-site-check.csv', 'text/csv;charset=utf-8', this.digCsv()));
    const gj = panel.querySelector('.export-geojson');
    if (gj) gj.addEventListener('click', () => this._download('dig-site-check.geojson', 'application/geo+json', JSON.stringify(this.digGeoJson())));
    this._drawDig();
  },

  // Sends the check; the answer is shown only if the site, buffer and days
  // are still those it was asked for.
  async checkDigSite() {
    const d = this._dig;
    if (!d || d.checking) return null;
    if (!this.digSite()) {
      d.result = { error: this.t('dig_need_points') };
      this._keepFocus(() => this._renderDig());
      return null;
    }
    const seq = ++d.seq;
    const request = this.digRequest();
    d.checking = true;
    this._keepFocus(() => this._renderDig());
    let result;
    try {
      const res = await fetch(`${this.api}/v1/digsite:check`, {
        method: 'POST', headers: { ...PWIS_HEADERS, 'Content-Type': 'application/json' },
        body: JSON.stringify(request) });
      const body = await res.json().catch(() => ({}));
      result = res.ok ? { ...body, request } : { error: `${this.t('error')}: ${body.message || res.status}` };
    } catch (e) {
      result = { error: `${this.t('error')}: ${e.message}` };
    }
    if (this._dig !== d || d.seq !== seq) return null;  // Closed or changed meanwhile.
    d.checking = false;
    d.result = result;
    this._renderDig();
    const v = this._root.querySelector('.panel .dig-result');
    if (v) v.scrollIntoView({ block: 'nearest' });
    const focus = this._root.querySelector('.panel .verdict, .panel .error');
    if (focus) { focus.tabIndex = -1; focus.focus(); }
    return result;
  },

  // The conflicts as CSV (UTF-8 with a byte-order mark, so spreadsheet
  // programs read the Chinese right). A cell that a spreadsheet would run
  // as a formula (= + - @, tab, CR first) gets a leading apostrophe.
  digCsv() {
    const r = (this._dig && this._dig.result) || {};
    const req = r.request || {};
    const cell = (s) => {
      let v = String(s === undefined || s === null ? '' : s);
      if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
      return `"${v.replace(/"/g, '""')}"`;
    };
    const head = ['verdict', 'check_time', 'buffer_m', 'window_first_day', 'window_last_day', 'kind', 'reference',
      'title_zh', 'title_en', 'distance_m', 'start', 'end', 'overlap_first_day', 'overlap_last_day',
      'responsible_zh', 'responsible_en', 'phone', 'location'];
    const common = [r.verdict, r.checkTime, r.bufferM, req.window && req.window.startDate, req.window && req.window.endDate];
    const lines = [head.join(',')];
    for (const c of r.conflicts || []) {
      lines.push([...common, c.kind, c.reference, c.title && c.title.zhTw, c.title && c.title.en, (Number(c.distanceM) || 0).toFixed(1),
        c.period && c.period.startTime, c.period && c.period.endTime, c.overlap && c.overlap.firstDay, c.overlap && c.overlap.lastDay,
        c.responsible && c.responsible.name && c.responsible.name.zhTw, c.responsible && c.responsible.name && c.responsible.name.en,
        c.responsible && c.responsible.phone, ''].map(cell).join(','));
    }
    for (const u of r.unplacedPermits || []) {
      const name = (u.agency && u.agency.name) || {};
      lines.push([...common, 'UNPLACED_PERMIT', u.permitNo, u.purpose, '', '', u.period && u.period.startTime,
        u.period && u.period.endTime, '', '', name.zhTw, name.en, u.agency && u.agency.publicPhone, u.location].map(cell).join(','));
    }
    if (!(r.conflicts || []).length && !(r.unplacedPermits || []).length) lines.push(common.map(cell).join(','));
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  },

  digGeoJson() {
    const r = (this._dig && this._dig.result) || {};
    const req = r.request || {};
    const features = [{ type: 'Feature', geometry: r.site || this.digSite(),
      properties: { role: 'site', verdict: r.verdict, check_time: r.checkTime, buffer_m: r.bufferM,
        window_first_day: req.window && req.window.startDate, window_last_day: req.window && req.window.endDate,
        reasons_zh: (r.reasons || []).map((x) => x.zhTw), reasons_en: (r.reasons || []).map((x) => x.en) } }];
    for (const c of r.conflicts || []) {
      features.push({ type: 'Feature', geometry: c.geometry || null,
        properties: { role: 'conflict', kind: c.kind, reference: c.reference, title_zh: c.title && c.title.zhTw,
          title_en: c.title && c.title.en, distance_m: Number(c.distanceM) || 0, start: c.period && c.period.startTime,
          end: c.period && c.period.endTime, phone: c.responsible && c.responsible.phone } });
    }
    for (const u of r.unplacedPermits || []) {
      features.push({ type: 'Feature', geometry: null,
        properties: { role: 'unplaced_permit', reference: u.permitNo, location: u.location, district_code: u.districtCode,
          start: u.period && u.period.startTime, end: u.period && u.period.endTime } });
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
