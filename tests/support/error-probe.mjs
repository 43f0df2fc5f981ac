// Page errors for browsers whose driver cannot report them (WebKitGTK's WebDriver speaks only the
// classic HTTP protocol: no console or exception events, and MiniBrowser keeps console messages
// off stdout under --automation). A same-origin proxy in front of the app adds one classic
// script, first in every HTML page's <head>, that records uncaught errors, unhandled rejections,
// console.error calls and CSP violations in `window.__kofuErrors` from the first moment of the
// page. Everything else passes through byte for byte, headers included. Same origin, so the
// app's Content-Security-Policy (script-src 'self') admits the probe and the service worker
// registers and precaches through the proxy as it would at the real origin.
import { createServer, request as forward } from 'node:http';

export const PROBE_PATH = '/__kofu-error-probe.js';

const PROBE = `(() => {
  const errors = (window.__kofuErrors = []);
  // JavaScriptCore's stack lists frames only; the message goes first, as V8 and SpiderMonkey print it.
  const text = (value) => (value instanceof Error ? value.name + ': ' + value.message + (value.stack ? '\\n' + value.stack : '') : String(value));
  addEventListener('error', (event) => errors.push('error: ' + (event.error ? text(event.error) : event.message + ' (' + event.filename + ':' + event.lineno + ')')));
  addEventListener('unhandledrejection', (event) => errors.push('unhandledrejection: ' + text(event.reason)));
  addEventListener('securitypolicyviolation', (event) => errors.push('csp: ' + event.violatedDirective + ' ' + event.blockedURI));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    errors.push('console.error: ' + args.map(text).join(' '));
    consoleError(...args);
  };
})();
`;

const TAG = `<script src="${PROBE_PATH}"></script>`;

/** Inserts the probe right after `<head>` (before the module scripts, which run deferred anyway). */
function inject(html) {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return TAG + html;
  const end = head.index + head[0].length;
  return html.slice(0, end) + TAG + html.slice(end);
}

/**
 * @param {string} target the app's origin, e.g. http://127.0.0.1:4173
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function errorProbeProxy(target) {
  const upstream = new URL(target);
  const server = createServer((request, response) => {
    if (request.url === PROBE_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(PROBE);
      return;
    }
    const outgoing = forward(
      { host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: { ...request.headers, host: upstream.host, 'accept-encoding': 'identity' } },
      async (answer) => {
        const headers = { ...answer.headers };
        if (!/^text\/html/.test(headers['content-type'] ?? '') || request.method === 'HEAD') {
          response.writeHead(answer.statusCode, headers);
          answer.pipe(response);
          return;
        }
        const body = inject(Buffer.concat(await answer.toArray()).toString('utf8'));
        headers['content-length'] = String(Buffer.byteLength(body));
        response.writeHead(answer.statusCode, headers);
        response.end(body);
      },
    );
    outgoing.on('error', (error) => {
      response.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
    request.pipe(outgoing);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
