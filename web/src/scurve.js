// The S-curve of a project's cumulative planned and actual progress, as
// SVG, with the same figures in a table for screen readers and keyboards.
function pwisEscape(s) {
  return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function pwisSCurve(progress, lang) {
  const t = (k) => pwisText(lang, k);
  const day = (d) => Date.parse(d + 'T00:00:00+08:00');
  const pct = (v) => Math.min(100, Math.max(0, Number(v) || 0));
  // Only what can be drawn: a report or milestone with an unreadable date
  // is left out rather than breaking the panel.
  const reports = (progress.reports || []).filter((r) => Number.isFinite(day(r.reportDate)));
  const milestones = (progress.milestones || []).filter((m) => Number.isFinite(day(m.plannedDate)));
  if (!reports.length) return `<p>${pwisEscape(t('no_reports'))}</p>`;
  const W = 300, H = 160, L = 34, R = 8, T = 8, B = 24;
  const dates = reports.map((r) => day(r.reportDate));
  for (const m of milestones) dates.push(day(m.plannedDate));
  const x0 = Math.min(...dates), x1 = Math.max(...dates, x0 + 86400000);
  const x = (ms) => L + ((ms - x0) / (x1 - x0)) * (W - L - R);
  const y = (v) => T + (1 - pct(v) / 100) * (H - T - B);
  const line = (key) => reports.map((r) => `${x(day(r.reportDate)).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ');
  const last = reports[reports.length - 1];
  const label = `${t('progress')}: ${t('planned')} ${pct(last.plannedPercent)}%, ${t('actual')} ${pct(last.actualPercent)}% (${last.reportDate})`;
  let grid = '';
  for (const p of [0, 25, 50, 75, 100]) {
    grid += `<line x1="${L}" x2="${W - R}" y1="${y(p)}" y2="${y(p)}" stroke="#dddddd"/>` +
      `<text x="${L - 4}" y="${y(p) + 4}" text-anchor="end" font-size="10">${p}%</text>`;
  }
  const first = new Date(x0).toISOString().slice(0, 7), end = new Date(x1).toISOString().slice(0, 7);
  let marks = '';
  for (const m of milestones) {
    const mx = x(day(m.plannedDate)).toFixed(1);
    marks += `<line x1="${mx}" x2="${mx}" y1="${T}" y2="${H - B}" stroke="#888888" stroke-dasharray="2,3"/>`;
  }
  const svg = `<svg class="scurve" viewBox="0 0 ${W} ${H}" role="img" aria-label="${pwisEscape(label)}">` +
    `<title>${pwisEscape(label)}</title>${grid}${marks}` +
    `<polyline fill="none" stroke="#0072B2" stroke-width="2" stroke-dasharray="5,3" points="${line('plannedPercent')}"/>` +
    `<polyline fill="none" stroke="#D55E00" stroke-width="2.5" points="${line('actualPercent')}"/>` +
    `<text x="${L}" y="${H - 6}" font-size="10">${first}</text>` +
    `<text x="${W - R}" y="${H - 6}" font-size="10" text-anchor="end">${end}</text></svg>` +
    `<p class="scurve-key"><span class="key planned"></span>${pwisEscape(t('planned'))} ` +
    `<span class="key actual"></span>${pwisEscape(t('actual'))}</p>`;
  const rows = reports.map((r) => `<tr><td>${pwisEscape(r.reportDate)}</td><td>${pct(r.plannedPercent)}%</td>` +
    `<td>${pct(r.actualPercent)}%</td><td>${pwisEscape(r.lagReason || '')}</td></tr>`).join('');
  const table = `<details><summary>${pwisEscape(t('progress'))}</summary><table class="data">` +
    `<thead><tr><th scope="col">${pwisEscape(t('date'))}</th><th scope="col">${pwisEscape(t('planned'))}</th>` +
    `<th scope="col">${pwisEscape(t('actual'))}</th><th scope="col">${pwisEscape(t('lag_reason'))}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></details>`;
  let milestoneList = '';
  if ((progress.milestones || []).length) {
    milestoneList = `<h4 data-i18n="milestones">${pwisEscape(t('milestones'))}</h4><ul>` + progress.milestones.map((m) =>
      `<li>${pwisEscape(pwisLocal(lang, m.name))}: ${pwisEscape(m.plannedDate || '')}` +
      `${m.actualDate ? ' → ' + pwisEscape(m.actualDate) : ''}</li>`).join('') + '</ul>';
  }
  const photos = [];
  // Only web links: a feed's javascript: URL must not become a link.
  for (const r of reports) for (const p of r.photos || []) if (/^https?:\/\//i.test(p.url || '')) photos.push(p);
  let photoList = '';
  if (photos.length) {
    photoList = `<h4 data-i18n="photos">${pwisEscape(t('photos'))}</h4><ul>` + photos.slice(-6).map((p) =>
      `<li><a href="${pwisEscape(p.url)}" target="_blank" rel="noopener">${pwisEscape(pwisLocal(lang, p.caption) || p.url)}</a></li>`).join('') + '</ul>';
  }
  return svg + table + milestoneList + photoList;
}
