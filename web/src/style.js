// The map's style: our own district and village boundaries as the base,
// and each data layer styled by what it means. Colours are the Okabe-Ito
// set (distinguishable with the common colour-vision deficiencies), and
// every class also differs in line pattern or width, so colour is never the
// only cue.
const PWIS_COLOURS = {
  full_closure: '#D55E00',
  lanes: '#E69F00',
  minor: '#0072B2',
  electric: '#E69F00',
  telecom: '#56B4E9',
  water: '#0072B2',
  gas: '#D55E00',
  sewer: '#009E73',
  other: '#CC79A7',
  other_dark: '#5a5a5a',
  on_schedule: '#009E73',
  warning: '#E69F00',
  severe: '#D55E00',
  not_applicable: '#999999',
  no_dig: '#882255',
};

// The data layers the widget knows, in drawing order (bottom first).
const PWIS_DATA_LAYERS = ['projects', 'no_dig_zones', 'permits', 'roadworks'];

// Legend rows per layer: [i18n key, colour, shape, mark drawn beside it].
const PWIS_LEGEND = {
  roadworks: [
    ['impact_full_closure', PWIS_COLOURS.full_closure, 'line-thick'],
    ['impact_lanes', PWIS_COLOURS.lanes, 'line'],
    ['impact_minor', PWIS_COLOURS.minor, 'line-dashed'],
  ],
  permits: [
    ['pipe_electric', PWIS_COLOURS.electric, 'dot', 'E'],
    ['pipe_telecom', PWIS_COLOURS.telecom, 'dot', 'T'],
    ['pipe_water', PWIS_COLOURS.water, 'dot', 'W'],
    ['pipe_gas', PWIS_COLOURS.gas, 'dot', 'G'],
    ['pipe_sewer', PWIS_COLOURS.sewer, 'dot', 'S'],
    ['pipe_other', PWIS_COLOURS.other, 'dot', 'X'],
  ],
  no_dig_zones: [['no_dig', PWIS_COLOURS.no_dig, 'hatch']],
  projects: [
    ['behind_on_schedule', PWIS_COLOURS.on_schedule, 'area', '✓'],
    ['behind_warning', PWIS_COLOURS.warning, 'area', '!'],
    ['behind_severe', PWIS_COLOURS.severe, 'area', '!!'],
    ['behind_not_applicable', PWIS_COLOURS.not_applicable, 'area', '–'],
  ],
};

function pwisPipeColour() {
  return ['match', ['get', 'pipeline_type'],
    'electric', PWIS_COLOURS.electric, 'telecom', PWIS_COLOURS.telecom,
    'cable_tv', PWIS_COLOURS.telecom, 'water', PWIS_COLOURS.water,
    'gas', PWIS_COLOURS.gas, 'oil', PWIS_COLOURS.gas,
    'sewer', PWIS_COLOURS.sewer, PWIS_COLOURS.other];
}

function pwisImpactColour() {
  return ['match', ['get', 'impact'], 'full_closure', PWIS_COLOURS.full_closure,
    'lanes', PWIS_COLOURS.lanes, PWIS_COLOURS.minor];
}

function pwisBehindColour() {
  return ['match', ['get', 'behind_level'], 'on_schedule', PWIS_COLOURS.on_schedule,
    'warning', PWIS_COLOURS.warning, 'severe', PWIS_COLOURS.severe,
    PWIS_COLOURS.not_applicable];
}

// Marks that tell the classes apart without colour (legend and map).
const PWIS_PIPE_MARKS = { electric: 'E', telecom: 'T', cable_tv: 'T', water: 'W', gas: 'G', oil: 'G', sewer: 'S' };
const PWIS_BEHIND_MARKS = { on_schedule: '✓', warning: '!', severe: '!!', not_applicable: '–' };

function pwisPipeMark() {
  return ['match', ['get', 'pipeline_type'], ...Object.entries(PWIS_PIPE_MARKS).flat(), 'X'];
}

function pwisBehindMark() {
  return ['match', ['get', 'behind_level'], ...Object.entries(PWIS_BEHIND_MARKS).flat(), '–'];
}

function pwisBehindWidth() {
  return ['match', ['get', 'behind_level'], 'severe', 4, 'warning', 2.5, 1];
}

function pwisBehindDash() {
  return ['match', ['get', 'behind_level'], 'severe', ['literal', [1, 0]], 'warning', ['literal', [3, 1]],
    ['literal', [1, 1]]];
}

const PWIS_IS_POLYGON = ['==', ['geometry-type'], 'Polygon'];
const PWIS_IS_LINE = ['==', ['geometry-type'], 'LineString'];
const PWIS_IS_POINT = ['==', ['geometry-type'], 'Point'];

// The style's layers for data layer `name` (source and source-layer both
// `name`); every id starts with "pwis-<name>-" so a click finds its layer.
function pwisLayersFor(name) {
  const src = { source: name, 'source-layer': name };
  const id = (part) => `pwis-${name}-${part}`;
  switch (name) {
    case 'roadworks':
      return [
        { id: id('area'), type: 'fill', ...src, filter: PWIS_IS_POLYGON,
          paint: { 'fill-color': pwisImpactColour(), 'fill-opacity': 0.45,
                   'fill-outline-color': '#000000' } },
        { id: id('line'), type: 'line', ...src, filter: PWIS_IS_LINE,
          layout: { 'line-cap': 'round' },
          paint: { 'line-color': pwisImpactColour(),
                   'line-width': ['match', ['get', 'impact'], 'full_closure', 7, 'lanes', 5, 4],
                   'line-dasharray': ['match', ['get', 'impact'], 'minor', ['literal', [2, 1]], ['literal', [1, 0]]] } },
        { id: id('point'), type: 'circle', ...src, filter: PWIS_IS_POINT,
          paint: { 'circle-color': pwisImpactColour(), 'circle-radius': 7,
                   'circle-stroke-color': '#000000', 'circle-stroke-width': 1.5 } },
      ];
    case 'permits':
      return [
        { id: id('area'), type: 'fill', ...src, filter: PWIS_IS_POLYGON,
          paint: { 'fill-color': pwisPipeColour(), 'fill-opacity': 0.5,
                   'fill-outline-color': '#333333' } },
        { id: id('line'), type: 'line', ...src, filter: PWIS_IS_LINE,
          paint: { 'line-color': pwisPipeColour(), 'line-width': 3,
                   'line-dasharray': [3, 1.5] } },
        { id: id('point'), type: 'circle', ...src, filter: PWIS_IS_POINT,
          paint: { 'circle-color': pwisPipeColour(), 'circle-radius': 5,
                   'circle-stroke-color': '#333333', 'circle-stroke-width': 1 } },
        // The pipeline type's letter beside the colour, close up.
        { id: id('mark'), type: 'symbol', ...src, minzoom: 15,
          layout: { 'text-field': pwisPipeMark(), 'text-size': 11, 'text-font': ['sans-serif'],
                    'text-offset': [0, -1.1], 'text-allow-overlap': false },
          paint: { 'text-color': '#000000', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } },
      ];
    case 'no_dig_zones':
      // Zones may be road lines as well as areas: a line is drawn and
      // found (clicks, list) as the area's edge is not.
      return [
        { id: id('area'), type: 'fill', ...src, filter: PWIS_IS_POLYGON,
          paint: { 'fill-pattern': 'pwis-hatch' } },
        { id: id('edge'), type: 'line', ...src, filter: PWIS_IS_POLYGON,
          paint: { 'line-color': PWIS_COLOURS.no_dig, 'line-width': 2 } },
        { id: id('line'), type: 'line', ...src, filter: PWIS_IS_LINE,
          paint: { 'line-color': PWIS_COLOURS.no_dig, 'line-width': 8, 'line-opacity': 0.6,
                   'line-dasharray': [0.5, 0.5] } },
        { id: id('point'), type: 'circle', ...src, filter: PWIS_IS_POINT,
          paint: { 'circle-color': PWIS_COLOURS.no_dig, 'circle-radius': 7, 'circle-opacity': 0.6 } },
      ];
    case 'projects':
      return [
        { id: id('area'), type: 'fill', ...src, filter: PWIS_IS_POLYGON,
          paint: { 'fill-color': pwisBehindColour(), 'fill-opacity': 0.3,
                   'fill-outline-color': pwisBehindColour() } },
        { id: id('edge'), type: 'line', ...src, filter: PWIS_IS_POLYGON,
          paint: { 'line-color': pwisBehindColour(), 'line-width': pwisBehindWidth(),
                   'line-dasharray': pwisBehindDash() } },
        { id: id('line'), type: 'line', ...src, filter: PWIS_IS_LINE,
          paint: { 'line-color': pwisBehindColour(), 'line-width': 6, 'line-opacity': 0.7,
                   'line-dasharray': pwisBehindDash() } },
        { id: id('point'), type: 'circle', ...src, filter: PWIS_IS_POINT,
          paint: { 'circle-color': pwisBehindColour(), 'circle-radius': 8,
                   'circle-stroke-color': '#000000', 'circle-stroke-width': pwisBehindWidth() } },
        // The level's mark beside the colour: ✓ on schedule, ! behind, !! severe.
        { id: id('mark'), type: 'symbol', ...src, minzoom: 13,
          layout: { 'text-field': pwisBehindMark(), 'text-size': 13, 'text-font': ['sans-serif'],
                    'symbol-placement': 'point', 'text-allow-overlap': false },
          paint: { 'text-color': '#000000', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } },
      ];
    default:
      return [];
  }
}

// A diagonal hatch for no-dig zones, drawn here (no sprite server).
function pwisHatchImage() {
  const size = 16;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % 8 < 2;
      const i = (y * size + x) * 4;
      data[i] = 0x88; data[i + 1] = 0x22; data[i + 2] = 0x55;
      data[i + 3] = on ? 200 : 30;
    }
  }
  return { width: size, height: size, data };
}

// The whole style. `tileUrl(layer)` gives a source's tile URL template;
// `baseMap` an optional raster tile URL of the host site's own base map.
function pwisStyle(tileUrl, layers, lang, baseMap) {
  const sources = {
    districts: { type: 'vector', tiles: [tileUrl('districts')], minzoom: 0, maxzoom: 14 },
    villages: { type: 'vector', tiles: [tileUrl('villages')], minzoom: 11, maxzoom: 14 },
  };
  const style = [];
  style.push({ id: 'pwis-background', type: 'background',
               paint: { 'background-color': '#eef2f0' } });
  if (baseMap) {
    sources.basemap = { type: 'raster', tiles: [baseMap], tileSize: 256 };
    style.push({ id: 'pwis-basemap', type: 'raster', source: 'basemap' });
  }
  style.push(
    { id: 'pwis-districts-fill', type: 'fill', source: 'districts', 'source-layer': 'districts',
      paint: { 'fill-color': '#fbfbf7', 'fill-opacity': baseMap ? 0.2 : 1 } },
    { id: 'pwis-villages-line', type: 'line', source: 'villages', 'source-layer': 'villages',
      // From 13: at the city-wide zooms village tiles would cost more to
      // fetch and draw than they tell.
      minzoom: 13, paint: { 'line-color': '#b8bfb8', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
    { id: 'pwis-districts-line', type: 'line', source: 'districts', 'source-layer': 'districts',
      paint: { 'line-color': '#6b756e', 'line-width': 1.2 } });
  for (const name of PWIS_DATA_LAYERS) {
    if (!layers.includes(name)) continue;
    sources[name] = { type: 'vector', tiles: [tileUrl(name)], minzoom: name === 'projects' ? 8 : 10,
                      maxzoom: 16, promoteId: undefined };
    style.push(...pwisLayersFor(name));
  }
  style.push(
    { id: 'pwis-villages-label', type: 'symbol', source: 'villages', 'source-layer': 'villages',
      minzoom: 14,
      layout: { 'text-field': ['get', lang === 'en' ? 'name_en' : 'name_zh'], 'text-size': 11,
                'text-font': ['sans-serif'] },
      paint: { 'text-color': '#4a524c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } },
    { id: 'pwis-districts-label', type: 'symbol', source: 'districts', 'source-layer': 'districts',
      maxzoom: 14,
      layout: { 'text-field': ['get', lang === 'en' ? 'name_en' : 'name_zh'], 'text-size': 14,
                'text-font': ['sans-serif'] },
      paint: { 'text-color': '#222222', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } });
  for (const s of Object.values(sources)) if (s.promoteId === undefined) delete s.promoteId;
  return { version: 8, sources, layers: style };
}
