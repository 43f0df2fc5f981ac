// scripts/serve.mjs as an HTTP server: what it answers to requests that are not for a file, and
// that every answer, an error included, carries the security headers the app is designed for.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';

/** A raw GET: `path` is sent as written (fetch() would normalise or refuse a malformed one). */
function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'permissions-policy'];

function assertSecurityHeaders(headers) {
  for (const name of SECURITY_HEADERS) assert.ok(headers[name], `${name} is sent`);
}

describe('scripts/serve.mjs', () => {
  let server;
  let port;
  before(async () => {
    server = await startServer({ port: 0 });
    port = server.address().port;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('answers a malformed percent-encoding with 400 and the security headers', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%', '/verify%ZZ']) {
      const response = await get(port, path);
      assert.equal(response.status, 400, `${path}: ${response.body}`);
      assertSecurityHeaders(response.headers);
      assert.doesNotMatch(response.body, /URIError|at /, 'no stack trace or error class leaks');
    }
  });

  it('answers a missing asset with 404 and the security headers', async () => {
    const response = await get(port, '/assets/does-not-exist.js');
    assert.equal(response.status, 404);
    assertSecurityHeaders(response.headers);
  });

  it('refuses a path that climbs out of dist/', async () => {
    const response = await get(port, '/..%2f..%2fpackage.json');
    assert.notEqual(response.status, 200);
    assert.doesNotMatch(response.body, /"name": "kofu"/);
    assertSecurityHeaders(response.headers);
  });
});
