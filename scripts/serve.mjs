// Serves the built app (dist/) on localhost: static files, the app shell for /verify and /admin,
// and the security headers the app is designed for. Used by `npm start`, the e2e tests and the
// benchmarks. Usage: node scripts/serve.mjs [--port N] [--host H]; PORT/HOST work too.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'", // zxing-wasm compiles WebAssembly; no eval, no inline script
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src blob:", // 印刷: the kiosk's PDF in a hidden frame, for the browser's print dialog
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Only features browsers know (W3C Permissions Policy; Chromium's list of policy-controlled
// features): an unknown one is ignored and logs "Unrecognized feature" on every load. Web NFC has
// no policy feature (w3c/web-nfc: top-level browsing contexts only), so it is not named here.
export const PERMISSIONS_POLICY = 'usb=(self), camera=(self), geolocation=(), microphone=()';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/** A request path that is not valid percent-encoding (RFC 3986 §2.1), e.g. `/%E0%A4%A`. */
class MalformedPathError extends Error {
  name = 'MalformedPathError';
}

function decodePath(urlPath) {
  try {
    return decodeURIComponent(urlPath);
  } catch (cause) {
    if (cause instanceof URIError) throw new MalformedPathError('malformed percent-encoding', { cause });
    throw cause;
  }
}

async function resolveFile(urlPath) {
  const decoded = decodePath(urlPath.split('?')[0]);
  const candidate = path.normalize(path.join(root, decoded));
  if (!candidate.startsWith(root)) return undefined; // path traversal
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
  } catch {
    // fall through to the app shell
  }
  // Navigations to app routes get the shell; missing assets get a 404.
  return path.extname(decoded) === '' ? path.join(root, 'index.html') : undefined;
}

/**
 * @param {{ port?: number, host?: string, transform?: (pathname: string, body: Buffer) => Buffer }} [options]
 *   `transform` lets tests serve a changed file (a new sw.js) without rebuilding.
 */
export function startServer({ port = 4173, host = '127.0.0.1', transform } = {}) {
  const server = createServer(async (request, response) => {
    try {
      const file = await resolveFile(new URL(request.url ?? '/', 'http://localhost').pathname);
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        response.end('Not found');
        return;
      }
      const pathname = `/${path.relative(root, file).split(path.sep).join('/')}`;
      const body = transform ? transform(pathname, await readFile(file)) : await readFile(file);
      const isHashedAsset = file.includes(`${path.sep}assets${path.sep}`);
      response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        // sw.js and index.html must be revalidated so updates are found; hashed assets never change.
        'Cache-Control': isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      // Error answers keep the security headers too; they say what went wrong, not how.
      const malformed = error instanceof MalformedPathError;
      if (!malformed) console.error(error);
      response.writeHead(malformed ? 400 : 500, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      response.end(malformed ? 'Bad request: malformed URL' : 'Internal server error');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argument = (name) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const port = Number(argument('port') ?? process.env.PORT ?? 4173);
  const host = argument('host') ?? process.env.HOST ?? '127.0.0.1';
  const server = await startServer({ port, host });
  const { port: actual } = server.address();
  console.log(`kofu is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/  (demo mode; Ctrl+C stops it)`);
  console.log(`  kiosk    http://localhost:${actual}/`);
  console.log(`  verifier http://localhost:${actual}/verify`);
  console.log(`  admin    http://localhost:${actual}/admin`);
}
