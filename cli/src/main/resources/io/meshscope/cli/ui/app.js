// The web view of meshscope: every figure comes from the CLI's own JSON (api/report, api/analyze, api/describe,
// api/graph, api/calls; api/progress says how far they are while a page waits), drawn without a framework; all text
// is set as text, never as HTML. Paths are relative: the view is at / under 'meshscope ui' and at /ui/ on serve's
// admin port. Under serve it is live: a server-sent event per new snapshot makes the page fetch its answers again.
'use strict';

const view = document.getElementById('view');
const status = document.getElementById('status');
let cache = {};
let info = { live: false, evidence: false };
/** Stopped when the page changes: the live workload page's refresh of its proxies' xDS state. */
let pageTimer = null;
/** Counts page changes (and redraws): a page's answers that arrive after the next change are not drawn. */
let routeSeq = 0;
/** Shows "Computing…" when a new page's answers take a while; stopped when they come or the page changes. */
let slowTimer = null;
/** While "Computing…" shows: its next look at how far the server is (api/progress). */
let progressTimer = null;
/** The page on screen (its hash), to tell a new page from the same one redrawn. */
let shown = null;
/** Namespaces drawn as their workloads and services: kept across pages and snapshots. */
const expanded = new Set();
/**
 * The sizes every page shows: report -o json. The graph reads report -o json --imports (each workload's scope and
 * every scope's services as well), the same sizes from the server's shared size engine, with megabytes of imports
 * on a large mesh that the other pages need not wait for or parse.
 */
const REPORT = 'api/report';
const GRAPH = 'api/graph';
/** When each page last became ready (performance.now(), ms since navigation): what the UI benchmark reads. */
window.meshscopeReady = {};

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'href') e.href = v; else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

async function api(path) {
  if (!(path in cache)) {
    cache[path] = fetch(path).then(async (r) => {
      const text = await r.text();
      if (!r.ok) throw new Error(path + ': ' + r.status + '\n' + text);
      return JSON.parse(text);
    });
  }
  return cache[path];
}

/**
 * The chart library (Apache ECharts, vendor/echarts.min.js: a megabyte of script), loaded when a page first draws a
 * chart rather than with the page: the overview draws none, and on a large mesh the browser's parsing it would
 * share the machine's cores with the server computing the overview's answers. Resolves to the library.
 */
let chartLibrary = null;
function charts() {
  if (!chartLibrary) {
    chartLibrary = new Promise((resolve, reject) => {
      const script = el('script', { src: 'vendor/echarts.min.js' });
      script.onload = () => resolve(window.echarts);
      script.onerror = () => {
        chartLibrary = null; // the next page with a chart tries again
        script.remove();
        reject(new Error('vendor/echarts.min.js: the chart library could not be loaded'));
      };
      document.head.append(script);
    });
  }
  return chartLibrary;
}

const kb = (bytes) => (bytes / 1024).toFixed(1) + ' kB';
const pct = (x) => (x * 100).toFixed(0) + ' %';

function table(headers, rows, numeric) {
  const t = el('table');
  const head = el('tr', {}, ...headers.map((h, i) => el('th', { class: numeric[i] ? 'num' : '', 'data-col': i }, h)));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  let sorted = rows.slice();
  let by = -1;
  let asc = true;
  function fill() {
    body.replaceChildren(...sorted.map((r) => el('tr', {}, ...r.map((c, i) => {
      const td = el('td', { class: numeric[i] ? 'num' : '' });
      if (c && c.node) td.append(c.node); else td.append(String(c === null || c === undefined ? '' : c));
      return td;
    }))));
  }
  head.addEventListener('click', (ev) => {
    const col = Number(ev.target.getAttribute('data-col'));
    if (Number.isNaN(col)) return;
    asc = by === col ? !asc : true;
    by = col;
    const key = (r) => (r[col] && r[col].sort !== undefined ? r[col].sort : r[col]);
    sorted.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (asc ? 1 : -1));
    fill();
  });
  t.append(body);
  fill();
  t.filter = (text) => {
    sorted = rows.filter((r) => r.some((c) => String(c && c.sort !== undefined ? c.sort : c).includes(text)));
    fill();
  };
  return t;
}

/**
 * Marks a page drawn, once the browser has painted it (the task after the next animation frame): the browser
 * tests wait for this, and the UI benchmark reads the time (ms since navigation) as when the page became usable.
 */
function ready(page) {
  requestAnimationFrame(() => setTimeout(() => {
    window.meshscopeReady[page] = performance.now();
    document.body.dataset.snapshot = info.snapshotVersion === null || info.snapshotVersion === undefined
      ? '' : String(info.snapshotVersion);
    document.body.dataset.ready = page;
  }));
}

function link(text, href) {
  return { node: el('a', { href }, text), sort: text, toString: () => text };
}

function workloadsWithoutSidecar(report) {
  return report.workloads.filter((w) => !w.sidecar).map((w) => w.workload);
}

async function overview() {
  const seq = routeSeq;
  const [report, analysis] = await Promise.all([api(REPORT), api('api/analyze')]);
  if (seq !== routeSeq) return;
  const t = report.totals;
  const per = (x) => (t.proxies ? x / t.proxies : 0);
  const rows = [
    ['config per proxy', kb(per(t.unscoped.bytes)), kb(per(t.scoped.bytes))],
    ['clusters (all proxies)', t.unscoped.clusters, t.scoped.clusters],
    ['endpoints (all proxies)', t.unscoped.endpoints, t.scoped.endpoints],
    ['listeners (all proxies)', t.unscoped.listeners, t.scoped.listeners],
    ['routes (all proxies)', t.unscoped.routes, t.scoped.routes],
    ['bytes pushed to all proxies', kb(t.unscoped.bytes), kb(t.scoped.bytes)],
  ];
  const levels = {};
  for (const m of analysis.messages) levels[m.level] = (levels[m.level] || 0) + 1;
  const namespaces = [...new Set(workloadsWithoutSidecar(report).map((w) => w.split('/')[0]))].sort();
  view.replaceChildren(
    el('h1', {}, 'Overview'),
    el('p', {}, t.proxies + ' proxies; with Sidecars each receives ' + pct(t.ratio) + ' of the config it would without.'),
    table(['', 'without Sidecars', 'with Sidecars'], rows, [false, true, true]),
    el('h2', {}, 'Findings by level'),
    table(['level', 'findings'], Object.entries(levels).map(([l, n]) => [link(l, '#/findings'), n]), [false, true]),
    el('h2', {}, 'Namespaces with workloads no Sidecar applies to'),
    namespaces.length ? el('ul', {}, ...namespaces.map((n) => el('li', {}, n))) : el('p', {}, 'none'),
  );
  ready('overview');
}

async function workloads(query) {
  const seq = routeSeq;
  const [report, echarts] = await Promise.all([api(REPORT), charts()]);
  if (seq !== routeSeq) return;
  const rows = report.workloads.map((w) => [
    link(w.workload, '#/workload/' + w.workload), w.sidecar || '(none)', w.replicas,
    { node: document.createTextNode(kb(w.unscoped.bytes)), sort: w.unscoped.bytes, toString: () => kb(w.unscoped.bytes) },
    { node: document.createTextNode(kb(w.scoped.bytes)), sort: w.scoped.bytes, toString: () => kb(w.scoped.bytes) },
    w.unscoped.bytes ? (w.scoped.bytes / w.unscoped.bytes).toFixed(2) : '',
  ]);
  const t = table(['workload', 'Sidecar', 'proxies', 'config without', 'config with', 'ratio'], rows,
    [false, false, true, true, true, true]);
  const filter = el('input', { type: 'search', placeholder: 'filter: namespace, workload, Sidecar' });
  filter.addEventListener('input', () => t.filter(filter.value));
  const chart = el('div', { class: 'chart', id: 'largest' });
  view.replaceChildren(el('h1', {}, 'Workloads'), filter, t, el('h2', {}, 'Largest configs'), chart);
  if (query.get('filter')) {
    filter.value = query.get('filter');
    t.filter(filter.value);
  }
  const largest = report.workloads.slice().sort((a, b) => b.unscoped.bytes - a.unscoped.bytes).slice(0, 20).reverse();
  const bars = echarts.init(chart);
  bars.on('finished', () => ready('workloads'));
  bars.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['without Sidecars', 'with Sidecars'] },
    grid: { left: 260 },
    xAxis: { type: 'value', name: 'kB' },
    yAxis: { type: 'category', data: largest.map((w) => w.workload) },
    series: [
      { name: 'without Sidecars', type: 'bar', data: largest.map((w) => +(w.unscoped.bytes / 1024).toFixed(1)) },
      { name: 'with Sidecars', type: 'bar', data: largest.map((w) => +(w.scoped.bytes / 1024).toFixed(1)) },
    ],
  });
}

/** One egress listener: each host line with the services it matched, or that it matched nothing. */
function egressTable(e) {
  const unmatched = new Set(e.unmatchedHosts || []);
  const unknown = new Set(e.unknownNamespaceHosts || []);
  return table(['host', 'imports'], e.hosts.map((h) => {
    const matched = (e.hostMatches || {})[h] || [];
    const note = unknown.has(h) ? 'matched nothing: no such namespace' : 'matched nothing';
    return [el('code', {}, h), matched.length ? matched.join(', ')
      : { node: el('span', { class: 'unmatched' }, note), sort: note, toString: () => note }].map(
      (c) => (c instanceof Node ? { node: c, sort: c.textContent, toString: () => c.textContent } : c));
  }), [false, false]);
}

/**
 * Whether a connected proxy (a /debug/syncz entry) is one of the workload's: resolved to the workload itself, or
 * to one of its Pods (the input holds Pods: named after their controller and a dash, as the server matches them).
 */
function proxyOf(p, name) {
  if (!p.workload) return false;
  const id = p.workload.split(' ').pop();
  return id === name || (p.workload.startsWith('Pod ') && id.startsWith(name + '-'));
}

/** Serve only: each connected proxy of the workload, per xDS type what was sent, ACKed or NACKed, and when. */
async function proxyStates(name, box) {
  const r = await fetch(info.proxies, { cache: 'no-store' });
  if (!r.ok) {
    box.replaceChildren(el('p', { class: 'error' }, info.proxies + ': ' + r.status));
    return;
  }
  const mine = (await r.json()).filter((p) => proxyOf(p, name));
  if (!mine.length) {
    box.replaceChildren(el('p', {}, 'No proxy of this workload is connected.'));
    return;
  }
  const rows = [];
  for (const p of mine) {
    for (const [type, t] of Object.entries(p.types || {})) {
      const state = t.nacked && t.nacked === t.sent ? 'NACK' : t.acked && t.acked === t.sent ? 'ACK' : 'sent';
      rows.push([p.proxy, type, { node: el('span', { class: 'state-' + state }, state), sort: state, toString: () => state },
        t.sent || '', t.acked || '', t.nackError || '', t.lastPush || '']);
    }
  }
  box.replaceChildren(table(['proxy', 'type', 'state', 'sent', 'acked', 'last NACK', 'last push'], rows,
    [false, false, false, false, false, false, false]));
}

async function workload(name) {
  const seq = routeSeq;
  const [d, report] = await Promise.all([api('api/describe?workload=' + encodeURIComponent(name)), api(REPORT)]);
  if (seq !== routeSeq) return;
  const size = report.workloads.find((w) => w.workload === name);
  const parts = [el('h1', {}, name),
    el('p', {}, 'Sidecar: ', el('code', {}, d.sidecar || '(none)'), ' — selected by ', d.selectedBy || 'nothing',
      d.sidecarLocation ? ' (' + d.sidecarLocation + ')' : ''),
    el('p', {}, el('a', { href: 'api/config-dump?workload=' + encodeURIComponent(name), download: '', id: 'config-dump' },
      'Download its config dump'), ' (Envoy\'s /config_dump JSON, as meshscope config-dump prints it)')];
  if (d.shadowed && d.shadowed.length) {
    parts.push(el('h2', {}, 'Sidecars it shadowed'),
      el('ul', {}, ...d.shadowed.map((s) => el('li', {}, el('code', {}, s.sidecar), ': ', s.reason))));
  }
  parts.push(el('h2', {}, 'Egress listeners'));
  for (const e of d.egress || []) {
    parts.push(el('h3', {}, 'port ' + (e.port === null ? 'any' : e.port) + ': ' + (e.services || []).length
      + ' services imported'), egressTable(e));
  }
  if (size) {
    parts.push(el('h2', {}, 'Size by resource type'), table(['', 'without Sidecars', 'with Sidecars'], [
      ['clusters', size.unscoped.clusters, size.scoped.clusters], ['endpoints', size.unscoped.endpoints, size.scoped.endpoints],
      ['listeners', size.unscoped.listeners, size.scoped.listeners], ['routes', size.unscoped.routes, size.scoped.routes],
      ['bytes', kb(size.unscoped.bytes), kb(size.scoped.bytes)]], [false, true, true]));
  }
  if (info.live) {
    const box = el('div', { id: 'proxies' }, 'Loading…');
    parts.push(el('h2', {}, 'Connected proxies'), box);
    await proxyStates(name, box);
    if (seq !== routeSeq) return;
    pageTimer = setInterval(() => proxyStates(name, box), 3000);
  }
  view.replaceChildren(...parts);
  ready('workload');
}

const EDGE_STYLE = {
  imports: { color: '#9aa5b1', curveness: 0 },
  observed: { color: '#2f6fde', curveness: 0.15 },
  broken: { color: '#d62728', curveness: 0.3, type: 'dashed' },
};

/**
 * The dependency graph from report --imports (and whatif --calls when calls were given): namespaces as nodes, an
 * edge for each namespace whose workloads import services of another, weighted by how many; observed calls in blue
 * over it, and in red those the Sidecars would break. A namespace ticked below is drawn as its workloads and services.
 */
function graphModel(data, calls) {
  const nodes = new Map();
  const edges = new Map();
  const node = (id, name, category, kind) => {
    if (!nodes.has(id)) nodes.set(id, { id, name, category, kind });
    return nodes.get(id);
  };
  const caller = (workload) => {
    const ns = workload.split('/')[0];
    return expanded.has(ns) ? node('w:' + workload, workload, ns, 'workload') : node('ns:' + ns, ns, ns, 'namespace');
  };
  const service = (host, ns) => (expanded.has(ns) ? node('s:' + host, host, ns, 'service')
    : node('ns:' + ns, ns, ns, 'namespace'));
  const edge = (from, to, kind, count) => {
    if (from.id === to.id) return;
    const key = kind + ' ' + from.id + ' -> ' + to.id;
    const e = edges.get(key) || { source: from.id, target: to.id, kind, value: 0 };
    e.value += count;
    edges.set(key, e);
  };
  for (const w of data.workloads) {
    const from = caller(w.workload);
    for (const s of data.scopes[w.scope] || []) edge(from, service(s.host, s.namespace), 'imports', 1);
  }
  for (const c of calls ? calls.calls : []) {
    edge(caller(c.workload), service(c.destination, c.namespace), c.broken ? 'broken' : 'observed', 1);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

function brokenTable(calls) {
  const broken = calls.calls.filter((c) => c.broken);
  if (!broken.length) return el('p', { id: 'broken' }, 'No observed call would break.');
  return table(['workload', 'calls', 'outcome', 'evidence'], broken.map((c) => [
    link(c.workload, '#/workload/' + c.workload), c.destination + (c.port ? ':' + c.port : ''), c.outcome,
    c.evidence.join('; ')]), [false, false, false, false]);
}

async function graph() {
  const seq = routeSeq;
  const [data, calls, echarts] = await Promise.all([api(GRAPH), info.evidence ? api('api/calls') : null, charts()]);
  if (seq !== routeSeq) return;
  const namespaces = [...new Set([...data.workloads.map((w) => w.workload.split('/')[0]),
    ...Object.values(data.scopes).flat().map((s) => s.namespace),
    ...(calls ? calls.calls.map((c) => c.namespace) : [])])].sort();
  const box = el('div', { class: 'graph', id: 'graph' });
  const expanders = el('p', { class: 'expanders' }, 'Show as workloads and services: ',
    ...namespaces.map((ns) => {
      const cb = el('input', { type: 'checkbox', 'data-namespace': ns });
      cb.checked = expanded.has(ns);
      cb.addEventListener('change', () => {
        if (cb.checked) expanded.add(ns); else expanded.delete(ns);
        draw();
      });
      return el('label', {}, cb, ' ' + ns);
    }));
  const key = calls ? 'Grey: what each namespace\'s workloads import (report --imports), an arrow\'s width is how many; '
    + 'blue: calls observed (' + calls.calls.length + '); red, dashed: calls the Sidecars would break (whatif).'
    : 'What each namespace\'s workloads import (report --imports); an arrow\'s width is how many imports. '
      + 'Start the view with --deps, --prometheus or --access-log to draw observed calls over it.';
  const parts = [el('h1', {}, 'Dependencies'), el('p', {}, key), expanders, box];
  if (calls) parts.push(el('h2', {}, 'Calls the Sidecars would break'), brokenTable(calls));
  view.replaceChildren(...parts);
  const chart = echarts.init(box);
  chart.on('finished', () => ready('graph'));
  function draw() {
    const m = graphModel(data, calls);
    const large = m.nodes.length > 300;
    chart.setOption({
      animation: false,
      tooltip: { formatter: (p) => (p.dataType === 'edge' ? p.data.source.replace(/^\w+:/, '') + ' '
        + (p.data.kind === 'imports' ? 'imports ' + p.data.value + ' from ' : p.data.kind === 'broken'
          ? 'would lose ' + p.data.value + ' observed call(s) to ' : 'calls (' + p.data.value + ') ')
        + p.data.target.replace(/^\w+:/, '') : p.data.name + ' (' + p.data.kind + ')') },
      legend: { data: namespaces, type: 'scroll', bottom: 0 },
      series: [{
        type: 'graph', layout: large ? 'circular' : 'force', roam: true, draggable: !large,
        force: { repulsion: 400, edgeLength: [80, 220], layoutAnimation: false },
        categories: namespaces.map((name) => ({ name })),
        data: m.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, category: namespaces.indexOf(n.category),
          symbolSize: n.kind === 'namespace' ? 34 : 14, symbol: n.kind === 'service' ? 'rect' : 'circle',
          label: { show: n.kind === 'namespace' || !large } })),
        links: m.edges.map((e) => ({ source: e.source, target: e.target, value: e.value, kind: e.kind,
          lineStyle: { width: Math.min(8, 1 + Math.log2(e.value)) + (e.kind === 'broken' ? 1 : 0), ...EDGE_STYLE[e.kind] } })),
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      }],
    }, true);
  }
  draw();
}

/** Where a finding's object can be seen: a workload's page, or the workloads a Sidecar applies to. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Job', 'CronJob',
  'WorkloadEntry', 'Rollout', 'DeploymentConfig']);
function objectLink(r) {
  if (!r) return '';
  const text = r.kind + ' ' + r.namespace + '/' + r.name;
  if (WORKLOAD_KINDS.has(r.kind)) return link(text, '#/workload/' + r.namespace + '/' + r.name);
  if (r.kind === 'Sidecar') return link(text, '#/workloads?filter=' + encodeURIComponent(r.namespace + '/' + r.name));
  return text;
}

async function findings() {
  const seq = routeSeq;
  const analysis = await api('api/analyze');
  if (seq !== routeSeq) return;
  const rows = analysis.messages.map((m) => [
    { node: el('span', { class: 'level-' + m.level }, m.level), sort: m.level, toString: () => m.level }, m.code,
    objectLink(m.resource), m.file ? m.file + ':' + m.line + ':' + m.column : '', m.field || '', m.message]);
  view.replaceChildren(el('h1', {}, 'Findings'),
    table(['level', 'code', 'object', 'where', 'field', 'message'], rows, [false, false, false, false, false, false]));
  ready('findings');
}

async function route() {
  // a page whose answers come after the user has moved on must not draw over the next one: pages compare this
  // number before drawing
  routeSeq += 1;
  clearInterval(pageTimer);
  pageTimer = null;
  // charts of the page being replaced: ECharts keeps every instance until disposed (a live page redraws per snapshot)
  for (const c of document.querySelectorAll('[_echarts_instance_]')) window.echarts.dispose(c);
  const full = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const q = full.indexOf('?');
  const hash = q < 0 ? full : full.substring(0, q);
  const query = new URLSearchParams(q < 0 ? '' : full.substring(q + 1));
  // a new page whose answers are not in yet says so (a large mesh's first report takes seconds); a page redrawn
  // for a new snapshot keeps showing the last one meanwhile
  const seq = routeSeq;
  clearTimeout(slowTimer);
  clearTimeout(progressTimer);
  slowTimer = full === shown ? null : setTimeout(() => {
    if (seq === routeSeq) {
      const line = el('p', { class: 'progress', id: 'progress' });
      view.replaceChildren(el('p', { class: 'pending' }, 'Computing… on a large mesh the first answers take seconds.'),
        line);
      followProgress(seq, line);
    }
  }, 300);
  shown = full;
  try {
    if (hash === '/' || hash === '') await overview();
    else if (hash === '/workloads') await workloads(query);
    else if (hash === '/findings') await findings();
    else if (hash === '/graph') await graph();
    else if (hash.startsWith('/workload/')) await workload(hash.substring('/workload/'.length));
    else view.replaceChildren(el('p', {}, 'No such page: ' + hash));
  } catch (e) {
    view.replaceChildren(el('p', { class: 'error' }, String(e.message || e)));
  } finally {
    if (seq === routeSeq) {
      clearTimeout(slowTimer);
      clearTimeout(progressTimer);
      progressTimer = null;
    }
  }
}

/** How far the server's phases are, as one line: "reporting: 2,400 of 5,000 workloads · analyzing: done". */
function progressText(phases) {
  return phases.map((p) => {
    if (p.finished) return p.name + ': done';
    if (p.total <= 0) return p.name + '…';
    if (p.unit === 'B') return p.name + ': ' + pct(p.done / p.total);
    return p.name + ': ' + p.done.toLocaleString('en') + ' of ' + p.total.toLocaleString('en') + ' ' + p.unit;
  }).join(' · ');
}

/** While the page waits (same route, not yet drawn), shows the server's progress, looked at twice a second. */
async function followProgress(seq, line) {
  try {
    const r = await fetch('api/progress', { cache: 'no-store' });
    if (r.ok && seq === routeSeq && line.isConnected) line.textContent = progressText((await r.json()).phases);
  } catch (e) {
    // the page's own request says what failed; progress is only a hint
  }
  if (seq === routeSeq && line.isConnected) progressTimer = setTimeout(() => followProgress(seq, line), 500);
}

/** Serve's view: a new snapshot makes every answer stale; fetch them again and redraw, keeping the page. */
function follow() {
  const events = new EventSource('api/events');
  events.addEventListener('snapshot', (ev) => {
    const version = JSON.parse(ev.data).snapshotVersion;
    status.textContent = 'live · snapshot ' + version;
    if (version !== info.snapshotVersion) {
      info.snapshotVersion = version;
      cache = {};
      route();
    }
  });
  events.onerror = () => { status.textContent = 'live · reconnecting…'; };
}

async function boot() {
  for (;;) {
    const r = await fetch('api/info', { cache: 'no-store' });
    if (r.ok) {
      info = await r.json();
      break;
    }
    view.replaceChildren(el('p', {}, await r.text()));
    await new Promise((done) => setTimeout(done, 1000)); // serve before its first snapshot: 503
  }
  if (info.live) {
    status.textContent = 'live · snapshot ' + info.snapshotVersion;
    follow();
  }
  window.addEventListener('hashchange', route);
  await route();
}

boot();
