// WebKit for the e2e tests: Debian's WebKitGTK MiniBrowser driven by WebKitWebDriver over the W3C
// WebDriver HTTP protocol (https://www.w3.org/TR/webdriver2/), with plain fetch to 127.0.0.1.
// WebKitGTK has no headless mode, so the browser gets its own Xvfb display. The closest engine to
// Safari this machine can run: same WebCore and JavaScriptCore, not Apple's ports or policies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where Debian (and Fedora) put MiniBrowser, by multiarch directory and WebKitGTK API version. */
const MINIBROWSER_CANDIDATES = ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf', 'i386-linux-gnu']
  .flatMap((arch) => ['4.1', '4.0'].map((api) => `/usr/lib/${arch}/webkit2gtk-${api}/MiniBrowser`))
  .concat(['/usr/libexec/webkit2gtk-4.1/MiniBrowser', '/usr/libexec/webkit2gtk-4.0/MiniBrowser']);

export function miniBrowserPath() {
  if (process.env.WEBKIT_MINIBROWSER) return process.env.WEBKIT_MINIBROWSER;
  return MINIBROWSER_CANDIDATES.find((candidate) => existsSync(candidate));
}

export const webDriverPath = () => process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
const xvfbPath = () => process.env.XVFB_PATH || '/usr/bin/Xvfb';

/** Why the WebKit tests cannot run here, or undefined when they can. */
export function webKitUnavailable() {
  if (!existsSync(webDriverPath())) return `WebKitWebDriver not found at ${webDriverPath()} (Debian: apt-get install webkit2gtk-driver xvfb)`;
  const browser = miniBrowserPath();
  if (process.env.WEBKIT_MINIBROWSER && !existsSync(browser)) return `WEBKIT_MINIBROWSER=${browser} does not exist`;
  if (!browser) return `MiniBrowser not found (looked in ${MINIBROWSER_CANDIDATES.join(', ')}; set WEBKIT_MINIBROWSER)`;
  if (!existsSync(xvfbPath())) return `Xvfb not found at ${xvfbPath()} (Debian: apt-get install xvfb)`;
  return undefined;
}

/** The W3C element reference key (WebDriver §12.1). */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {
  name = 'WebDriverError';
  constructor(command, value) {
    super(`${command}: ${value.error}${value.message ? `: ${value.message}` : ''}`);
    this.code = value.error;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An X server on a display it picks itself (`-displayfd`: no race with other Xvfb instances,
 * which `xvfb-run -a` has), started in its own process group so it can be ended by its id.
 */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn(xvfbPath(), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let log = '';
    child.stderr.on('data', (chunk) => (log += chunk));
    child.stdio[3].on('data', (chunk) => {
      const display = String(chunk).trim();
      if (display) resolve({ display: `:${display}`, stop: () => stopGroup(child) });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it chose a display: ${log}`)));
  });
}

function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return Promise.resolve();
  }
  return Promise.race([exited, sleep(5_000)]);
}

/**
 * Starts Xvfb and WebKitWebDriver (which starts MiniBrowser once per session).
 * @returns {Promise<{ newSession: () => Promise<WebKitSession>, close: () => Promise<void> }>}
 */
export async function launchWebKit() {
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn(webDriverPath(), [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: { ...process.env, DISPLAY: xvfb.display },
  });
  let driverLog = '';
  driver.stderr.on('data', (chunk) => (driverLog = (driverLog + chunk).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    await stopGroup(driver);
    await xvfb.stop();
  };
  try {
    for (let started = Date.now(); ; await sleep(100)) {
      const ready = await fetch(`${base}/status`).then((r) => r.json()).then((body) => body.value?.ready, () => false);
      if (ready) break;
      if (driver.exitCode !== null || Date.now() - started > 15_000) throw new Error(`WebKitWebDriver did not start: ${driverLog}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    async newSession() {
      const capabilities = {
        alwaysMatch: {
          // WebKitGTK's vendor capability: which browser to start, with --automation so it accepts the driver.
          'webkitgtk:browserOptions': { binary: miniBrowserPath(), args: ['--automation'] },
          timeouts: { script: 60_000, pageLoad: 60_000, implicit: 0 },
        },
      };
      const created = await command(base, 'POST', '/session', { capabilities });
      return new WebKitSession(base, created.sessionId, created.capabilities);
    },
    close,
  };
}

async function command(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json; charset=utf-8' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const { value } = await response.json();
  if (!response.ok || (value && typeof value === 'object' && 'error' in value)) throw new WebDriverError(`${method} ${path}`, value ?? {});
  return value;
}

/** One browser window; the commands the tests need, named as the spec names them. */
export class WebKitSession {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  command(method, path, body) {
    return command(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Navigate To (§10.1): returns when the page has loaded. */
  navigate(url) {
    return this.command('POST', '/url', { url });
  }

  /** Refresh (§10.5). */
  refresh() {
    return this.command('POST', '/refresh', {});
  }

  /** Execute Script (§13.2.1): `script` is a function body; `args` become `arguments`. */
  execute(script, args = []) {
    return this.command('POST', '/execute/sync', { script, args });
  }

  /** Execute Async Script (§13.2.2): the body calls `arguments[arguments.length - 1]` with its result. */
  executeAsync(script, args = []) {
    return this.command('POST', '/execute/async', { script, args });
  }

  /** An element the page script returns (shadow roots are easiest to pierce in the page). */
  async element(script, args = []) {
    const value = await this.execute(script, args);
    if (!value || !value[ELEMENT_KEY]) throw new Error(`no element: ${script}`);
    return value;
  }

  /** Element Send Keys (§14.3) on an `<input type=file>`: the text is the file's path. */
  sendKeys(element, text) {
    return this.command('POST', `/element/${element[ELEMENT_KEY]}/value`, { text });
  }

  /** Polls `script` (a function body returning a value) until it returns something truthy. */
  async waitFor(script, { timeout = 20_000, interval = 200, describe } = {}) {
    const started = Date.now();
    for (;;) {
      const value = await this.execute(script);
      if (value) return value;
      if (Date.now() - started > timeout) {
        const detail = describe ? await this.execute(describe).catch((error) => String(error)) : '';
        throw new Error(`timed out after ${timeout} ms waiting for: ${script}${detail ? `\nthe page shows: ${detail}` : ''}`);
      }
      await sleep(interval);
    }
  }

  close() {
    return command(this.base, 'DELETE', `/session/${this.id}`);
  }
}
