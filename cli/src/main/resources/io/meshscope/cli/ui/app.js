// The web view of meshscope: every figure comes from the CLI's own JSON (/api/report, /api/analyze,
// /api/describe), drawn without a framework; all text is set as text, never as HTML.
'use strict';

const view = document.getElementById('view');
const cache = {};

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

function link(text, href) {
  return { node: el('a', { href }, text), sort: text, toString: () => text };
}

function workloadsWithoutSidecar(report) {
  return report.workloads.filter((w) => !w.sidecar).map((w) => w.workload);
}

async function overview() {
  const [report, analysis] = await Promise.all([api('/api/report'), api('/api/analyze')]);
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
}

async function workloads() {
  const report = await api('/api/report');
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
  const largest = report.workloads.slice().sort((a, b) => b.unscoped.bytes - a.unscoped.bytes).slice(0, 20).reverse();
  if (window.echarts) {
    echarts.init(chart).setOption({
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
}

async function workload(name) {
  const [d, report] = await Promise.all([api('/api/describe?workload=' + encodeURIComponent(name)), api('/api/report')]);
  const size = report.workloads.find((w) => w.workload === name);
  const parts = [el('h1', {}, name),
    el('p', {}, 'Sidecar: ', el('code', {}, d.sidecar || '(none)'), ' — selected by ', d.selectedBy || 'nothing',
      d.sidecarLocation ? ' (' + d.sidecarLocation + ')' : '')];
  if (d.shadowed && d.shadowed.length) {
    parts.push(el('h2', {}, 'Sidecars it shadowed'),
      el('ul', {}, ...d.shadowed.map((s) => el('li', {}, JSON.stringify(s)))));
  }
  parts.push(el('h2', {}, 'Egress listeners'));
  for (const e of d.egress || []) {
    parts.push(el('h3', {}, 'port ' + (e.port === null ? 'any' : e.port) + ', hosts ' + e.hosts.join(', ')),
      el('ul', {}, ...(e.services || []).map((s) => el('li', {}, s))));
  }
  if (size) {
    parts.push(el('h2', {}, 'Size by resource type'), table(['', 'without Sidecars', 'with Sidecars'], [
      ['clusters', size.unscoped.clusters, size.scoped.clusters], ['endpoints', size.unscoped.endpoints, size.scoped.endpoints],
      ['listeners', size.unscoped.listeners, size.scoped.listeners], ['routes', size.unscoped.routes, size.scoped.routes],
      ['bytes', kb(size.unscoped.bytes), kb(size.scoped.bytes)]], [false, true, true]));
  }
  view.replaceChildren(...parts);
}

/**
 * The dependency graph from report --imports: namespaces as nodes, an edge for each namespace whose workloads import
 * services of another, weighted by how many; a namespace ticked below is drawn as its workloads and services.
 */
function graphModel(data, expanded) {
  const nodes = new Map();
  const edges = new Map();
  const node = (id, name, category, kind) => {
    if (!nodes.has(id)) nodes.set(id, { id, name, category, kind, value: 0 });
    return nodes.get(id);
  };
  for (const w of data.workloads) {
    const ns = w.workload.split('/')[0];
    const from = expanded.has(ns) ? node('w:' + w.workload, w.workload, ns, 'workload') : node('ns:' + ns, ns, ns, 'namespace');
    for (const s of data.scopes[w.scope] || []) {
      const to = expanded.has(s.namespace) ? node('s:' + s.host, s.host, s.namespace, 'service')
        : node('ns:' + s.namespace, s.namespace, s.namespace, 'namespace');
      if (to.id === from.id) continue;
      const key = from.id + ' -> ' + to.id;
      const e = edges.get(key) || { source: from.id, target: to.id, value: 0 };
      e.value += 1;
      edges.set(key, e);
      to.value += 1;
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

async function graph() {
  const data = await api('/api/graph');
  const namespaces = [...new Set([...data.workloads.map((w) => w.workload.split('/')[0]),
    ...Object.values(data.scopes).flat().map((s) => s.namespace)])].sort();
  const expanded = new Set();
  const box = el('div', { class: 'graph', id: 'graph' });
  const expanders = el('p', { class: 'expanders' }, 'Show as workloads and services: ',
    ...namespaces.map((ns) => {
      const cb = el('input', { type: 'checkbox', 'data-namespace': ns });
      cb.addEventListener('change', () => {
        if (cb.checked) expanded.add(ns); else expanded.delete(ns);
        draw();
      });
      return el('label', {}, cb, ' ' + ns);
    }));
  view.replaceChildren(el('h1', {}, 'Dependencies'),
    el('p', {}, 'What each namespace\'s workloads import (report --imports); an arrow\'s width is how many imports.'),
    expanders, box);
  const chart = echarts.init(box);
  function draw() {
    const m = graphModel(data, expanded);
    const large = m.nodes.length > 300;
    chart.setOption({
      tooltip: { formatter: (p) => (p.dataType === 'edge' ? p.data.source.replace(/^\w+:/, '') + ' imports '
        + p.data.value + ' from ' + p.data.target.replace(/^\w+:/, '') : p.data.name + ' (' + p.data.kind + ')') },
      legend: { data: namespaces, type: 'scroll', bottom: 0 },
      series: [{
        type: 'graph', layout: large ? 'circular' : 'force', roam: true, draggable: !large,
        force: { repulsion: 400, edgeLength: [80, 220], layoutAnimation: false },
        categories: namespaces.map((name) => ({ name })),
        data: m.nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, category: namespaces.indexOf(n.category),
          symbolSize: n.kind === 'namespace' ? 34 : 14, symbol: n.kind === 'service' ? 'rect' : 'circle',
          label: { show: n.kind === 'namespace' || !large } })),
        links: m.edges.map((e) => ({ source: e.source, target: e.target, value: e.value,
          lineStyle: { width: Math.min(8, 1 + Math.log2(e.value)) } })),
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      }],
    }, true);
  }
  draw();
}

async function findings() {
  const analysis = await api('/api/analyze');
  const rows = analysis.messages.map((m) => [
    { node: el('span', { class: 'level-' + m.level }, m.level), sort: m.level, toString: () => m.level }, m.code,
    m.resource ? m.resource.kind + ' ' + m.resource.namespace + '/' + m.resource.name : '',
    m.file ? m.file + ':' + m.line + ':' + m.column : '', m.field || '', m.message]);
  view.replaceChildren(el('h1', {}, 'Findings'),
    table(['level', 'code', 'object', 'where', 'field', 'message'], rows, [false, false, false, false, false, false]));
}

async function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  try {
    if (hash === '/' || hash === '') await overview();
    else if (hash === '/workloads') await workloads();
    else if (hash === '/findings') await findings();
    else if (hash === '/graph') await graph();
    else if (hash.startsWith('/workload/')) await workload(hash.substring('/workload/'.length));
    else view.replaceChildren(el('p', {}, 'No such page: ' + hash));
  } catch (e) {
    view.replaceChildren(el('p', { class: 'error' }, String(e.message || e)));
  }
}

window.addEventListener('hashchange', route);
route();
