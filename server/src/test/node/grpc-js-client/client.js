'use strict';
// A real proxyless xDS client (@grpc/grpc-js-xds) that meshscope's server tests drive: one JSON command per stdin
// line, one JSON result per stdout line. It runs for a whole scenario so the test can change the mesh while the
// client holds its xDS state, as a long-lived application would. Diagnostics (GRPC_TRACE) go to stderr.
//
// Commands:
//   {"id": 1, "op": "call", "target": "xds:///host:port", "timeoutMs": 3000, "metadata": {"x-user": "a"}}
//       (metadata optional: request headers, e.g. the one a consistent-hash route hashes on)
//       -> {"id": 1, "ok": true, "body": "<what the backend answered>", "peer": "ip:port", "ms": 12}
//       -> {"id": 1, "ok": false, "code": 14, "codeName": "UNAVAILABLE", "details": "...", "ms": 3001}
//   {"id": 2, "op": "reset", "target": "xds:///host:port"} -> {"id": 2, "ok": true}: closes that target's
//       channel, so the next call builds a new one (and grpc-js subscribes to its resources afresh)
//   {"id": 2, "op": "bootstrap"}   -> {"id": 2, "ok": true} or {"id": 2, "ok": false, "details": "why"}
//   {"id": 3, "op": "quit"}        -> {"id": 3, "ok": true}, then exits
// On start it prints {"ready": true, "grpcJs": "<version>", "grpcJsXds": "<version>", "node": "<version>"}.

const readline = require('readline');
const grpc = require('@grpc/grpc-js');
const xds = require('@grpc/grpc-js-xds');
const bootstrap = require('@grpc/grpc-js-xds/build/src/xds-bootstrap');

// The backends implement one unary method on raw bytes, so no .proto is needed on either side.
const METHOD = '/meshscope.test.Whoami/Call';
const raw = (b) => b;

xds.register();

// One channel per target, kept for the process's life: the xDS watches (and their cached config) live as long
// as the channel, which is what the scenarios observe across mesh changes and server restarts.
const clients = new Map();

function clientFor(target) {
  let c = clients.get(target);
  if (!c) {
    c = new grpc.Client(target, grpc.credentials.createInsecure());
    clients.set(target, c);
  }
  return c;
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function call(cmd) {
  const started = Date.now();
  const deadline = new Date(started + (cmd.timeoutMs || 3000));
  let pending = null;
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(cmd.metadata || {})) {
    metadata.set(k, v);
  }
  try {
    pending = clientFor(cmd.target).makeUnaryRequest(METHOD, raw, raw, Buffer.alloc(0), metadata, { deadline },
      (err, response) => {
        const ms = Date.now() - started;
        if (err) {
          emit({ id: cmd.id, ok: false, code: err.code, codeName: grpc.status[err.code], details: err.details, ms });
        } else {
          emit({ id: cmd.id, ok: true, body: response.toString('utf8'), peer: pending.getPeer(), ms });
        }
      });
  } catch (e) {
    emit({ id: cmd.id, ok: false, code: -1, codeName: 'CLIENT_ERROR', details: String(e && e.message), ms: 0 });
  }
}

function reset(cmd) {
  const c = clients.get(cmd.target);
  if (c) {
    c.close();
    clients.delete(cmd.target);
  }
  emit({ id: cmd.id, ok: true });
}

function checkBootstrap(cmd) {
  try {
    bootstrap.loadBootstrapInfo();
    emit({ id: cmd.id, ok: true });
  } catch (e) {
    emit({ id: cmd.id, ok: false, details: String(e && e.message) });
  }
}

function quit(cmd) {
  for (const c of clients.values()) {
    c.close();
  }
  emit({ id: cmd.id, ok: true });
  // Open xDS streams keep the event loop alive; the test has what it needs once the line is written.
  process.stdout.write('', () => process.exit(0));
}

function handle(line) {
  if (!line.trim()) {
    return;
  }
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    emit({ ok: false, code: -1, codeName: 'BAD_COMMAND', details: 'not JSON: ' + line });
    return;
  }
  switch (cmd.op) {
    case 'call': return call(cmd);
    case 'reset': return reset(cmd);
    case 'bootstrap': return checkBootstrap(cmd);
    case 'quit': return quit(cmd);
    default: emit({ id: cmd.id, ok: false, code: -1, codeName: 'BAD_COMMAND', details: 'unknown op ' + cmd.op });
  }
}

// The test closing our stdin (or dying) ends the program, so no client outlives its test.
readline.createInterface({ input: process.stdin }).on('line', handle).on('close', () => process.exit(0));

emit({
  ready: true,
  grpcJs: require('@grpc/grpc-js/package.json').version,
  grpcJsXds: require('@grpc/grpc-js-xds/package.json').version,
  node: process.versions.node,
});
