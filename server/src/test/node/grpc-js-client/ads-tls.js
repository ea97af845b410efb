// A raw ADS client on @grpc/grpc-js over TLS, for meshscope's authentication tests. @grpc/grpc-js-xds's bootstrap
// offers only "insecure" and "google_default" channel credentials for the xDS server, so a client certificate or a
// service-account token is presented the way any grpc-js program would: createSsl(ca, key, cert) and call metadata.
//
//   node ads-tls.js PORT CA_FILE [KEY_FILE CERT_FILE|-] [TOKEN|-] NODE_ID NAMESPACE
//
// Prints one JSON line: {"ok":true,"typeUrl":...,"clusters":[names]} for the first response, or
// {"ok":false,"code":N,"details":"..."} when the stream ends with an error. Exits within 15 s.
'use strict';
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const xdsDir = require('path').dirname(require.resolve('@grpc/grpc-js-xds/package.json'));
const protoLoader = require(require.resolve('@grpc/proto-loader', { paths: [xdsDir] }));

const [port, caFile, keyFile, certFile, token, nodeId, namespace] = process.argv.slice(2);
const defs = protoLoader.loadSync(['envoy/service/discovery/v3/ads.proto'], {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, json: true,
  includeDirs: ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => xdsDir + '/deps/' + d + '/'),
});
const Ads = grpc.loadPackageDefinition(defs).envoy.service.discovery.v3.AggregatedDiscoveryService;
const creds = grpc.credentials.createSsl(fs.readFileSync(caFile),
  keyFile === '-' ? null : fs.readFileSync(keyFile), certFile === '-' ? null : fs.readFileSync(certFile));
const client = new Ads('127.0.0.1:' + port, creds, { 'grpc.ssl_target_name_override': 'localhost' });
const metadata = new grpc.Metadata();
if (token !== '-') {
  metadata.set('authorization', 'Bearer ' + token);
}
let done = false;
function finish(result) {
  if (!done) {
    done = true;
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  }
}
const call = client.StreamAggregatedResources(metadata);
call.on('data', (response) => {
  const clusters = response.resources.map((any) => {
    // each Any holds an envoy.config.cluster.v3.Cluster; its name is the first field (tag 1, length-delimited)
    const bytes = Buffer.from(any.value);
    if (bytes[0] !== 0x0a) {
      return '?';
    }
    let length = 0;
    let shift = 0;
    let i = 1;
    for (; bytes[i] & 0x80; i++, shift += 7) {
      length |= (bytes[i] & 0x7f) << shift;
    }
    length |= bytes[i] << shift;
    return bytes.subarray(i + 1, i + 1 + length).toString('utf8');
  });
  finish({ ok: true, typeUrl: response.type_url, clusters });
});
call.on('error', (e) => finish({ ok: false, code: e.code, details: e.details }));
call.write({
  node: { id: nodeId, metadata: { fields: { NAMESPACE: { stringValue: namespace } } } },
  type_url: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
});
setTimeout(() => finish({ ok: false, code: -1, details: 'no response within 15 s' }), 15000);
