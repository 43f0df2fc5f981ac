#!/usr/bin/env node
// `npm run conformance`: the virtual My Number card, checked by an independent implementation.
// The card (kofu's own src/card/virtual code, bundled for Node by esbuild) is attached to pcscd
// through vsmartcard-vpcd, and OpenSC's `jpki` driver must recognise it, list and read back its
// four certificates byte for byte, report the PIN tries, sign with pkcs11-tool (verified by
// openssl), and count a wrong PIN. One line per check; exit status 1 on any failure.
// Needs root (pcscd's socket) and the Debian packages pcscd, vsmartcard-vpcd, opensc
// (research/vpcd-conformance.md). Processes it starts are stopped by their pid on exit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kofu-conformance-'));
const PKCS11_MODULE = ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so', '/usr/lib/opensc-pkcs11.so'].find((path) => existsSync(path));
const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const EXPECTED_ATR = '3b:e0:00:ff:81:31:fe:45:14';
const AUTH_PIN = '1234'; // DEMO_RESIDENTS[0]
const SIGN_PASSWORD = 'KOFUDEMO1';

// Only the jpki driver (skips ~30 probe APDUs of other drivers), and reset the card when a tool
// disconnects: a card left verified answers 9000 to the tries query, which OpenSC's bind refuses
// (vpcd-conformance.md pitfall 4) — a kiosk must not leave a verified card either.
const openscConf = join(work, 'opensc.conf');
writeFileSync(openscConf, 'app default {\n  card_drivers = jpki;\n  reader_driver pcsc {\n    disconnect_action = reset;\n  }\n}\n');
const env = { ...process.env, OPENSC_CONF: openscConf };

const started = [];
let failures = 0;

function report(ok, name, detail = '') {
  if (!ok) failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}\n`);
}

function tool(command, args, input) {
  const result = spawnSync(command, args, { env, encoding: 'buffer', timeout: 30_000, input });
  return { status: result.status, stdout: result.stdout?.toString('latin1') ?? '', stderr: result.stderr?.toString('latin1') ?? '', raw: result.stdout };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function derOfPem(pem) {
  const result = spawnSync('openssl', ['x509', '-outform', 'DER'], { input: pem, timeout: 10_000 });
  return result.status === 0 ? result.stdout : null;
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function main() {
  const missing = ['pcscd', 'opensc-tool', 'pkcs15-tool', 'pkcs11-tool', 'openssl'].filter((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0);
  if (missing.length || !PKCS11_MODULE || !existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so')) {
    report(false, 'tools installed', `missing ${[...missing, ...(PKCS11_MODULE ? [] : ['opensc-pkcs11.so'])].join(', ') || 'vsmartcard-vpcd'}: apt-get install -y pcscd vsmartcard-vpcd opensc`);
    return;
  }

  // 1. Bundle the virtual card for Node.
  const viccBundle = join(work, 'vicc.mjs');
  await esbuild.build({
    entryPoints: [join(here, 'vicc.ts')],
    bundle: true,
    outfile: viccBundle,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __kofuRequire } from 'node:module'; const require = __kofuRequire(import.meta.url);" },
  });

  // 2. pcscd (unless one already runs, e.g. socket-activated on a systemd host), then the card.
  const ownPcscd = !existsSync(PCSCD_SOCKET);
  if (ownPcscd) {
    const pcscd = spawn('pcscd', ['-f', '-a'], { stdio: ['ignore', 'ignore', 'ignore'] });
    started.push(pcscd);
  }
  const vicc = spawn(process.execPath, [viccBundle, work], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(vicc);
  let viccErrors = '';
  vicc.stderr.on('data', (chunk) => (viccErrors += chunk));

  let atr = '';
  for (let i = 0; i < 100 && !atr.includes(':'); i++) {
    await sleep(200);
    atr = tool('opensc-tool', ['-r', '0', '-a']).stdout.trim();
  }
  // A pcscd started before vsmartcard-vpcd was installed (socket activation on systemd hosts) has
  // no "Virtual PCD" reader: it must be restarted.
  const hint = ownPcscd ? '' : ' (pcscd was already running: restart it after installing vsmartcard-vpcd, e.g. systemctl restart pcscd)';
  report(atr === EXPECTED_ATR, 'pcscd sees the virtual card through vpcd', atr ? `ATR ${atr}` : `no card on reader 0${hint} ${viccErrors.trim()}`);
  if (atr !== EXPECTED_ATR) return;

  const name = tool('opensc-tool', ['-r', '0', '-n']).stdout.trim();
  report(name === 'jpki', "OpenSC's jpki driver recognises the card", `opensc-tool -n → ${name || '(nothing)'}`);

  const list = tool('pkcs15-tool', ['-r', '0', '--list-certificates']).stdout;
  const labels = [...list.matchAll(/X\.509 Certificate \[([^\]]+)\][\s\S]*?ID\s+:\s+(\w+)/g)].map((m) => ({ label: m[1], id: m[2] }));
  report(labels.length === 4, 'four certificates listed', labels.map((entry) => `${entry.id} ${entry.label}`).join('; '));

  const expected = { '01': 'auth.der', '02': 'sign.der', '03': 'auth-ca.der', '04': 'sign-ca.der' };
  for (const [id, file] of Object.entries(expected)) {
    // 02 (署名用証明書) is readable only after the signature password, as on the real card.
    const args = id === '02' ? ['-r', '0', '--verify-pin', '--auth-id', '02', '--pin', SIGN_PASSWORD, '--read-certificate', id] : ['-r', '0', '--read-certificate', id];
    const pem = tool('pkcs15-tool', args).stdout;
    const der = pem.includes('BEGIN CERTIFICATE') ? derOfPem(pem.slice(pem.indexOf('-----BEGIN'))) : null;
    const want = readFileSync(join(work, file));
    report(der !== null && Buffer.compare(der, want) === 0, `certificate ${id} read back byte-identical`, der ? `${der.length} bytes` : 'not read');
  }

  const tries = () => [...tool('pkcs15-tool', ['-r', '0', '--list-pins']).stdout.matchAll(/Tries left\s+:\s+(\d+)/g)].map((m) => Number(m[1]));
  const initial = tries();
  report(initial[0] === 3 && initial[1] === 5, 'PIN tries reported (user-auth 3, signature 5)', `got ${initial.join(', ')}`);

  const message = join(work, 'message.bin');
  const signature = join(work, 'signature.bin');
  writeFileSync(message, `kofu conformance ${new Date().toISOString()}`);
  const sign = tool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', '--login', '--pin', AUTH_PIN, '--sign', '--id', '01', '-m', 'SHA256-RSA-PKCS', '-i', message, '-o', signature]);
  const publicKey = join(work, 'auth-pub.pem');
  tool('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', join(work, 'auth-pub.der'), '-out', publicKey]);
  const verify = tool('openssl', ['dgst', '-sha256', '-verify', publicKey, '-signature', signature, message]);
  report(sign.status === 0 && verify.stdout.includes('Verified OK'), 'pkcs11-tool signature (SHA256-RSA-PKCS, key 0017) verified by openssl', verify.stdout.trim() || sign.stderr.trim().split('\n').pop());

  const wrong = tool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', '--login', '--pin', '9999', '--sign', '--id', '01', '-m', 'SHA256-RSA-PKCS', '-i', message, '-o', join(work, 'wrong.bin')]);
  const afterWrong = tries();
  report(wrong.status !== 0 && /CKR_PIN_INCORRECT/.test(wrong.stderr) && afterWrong[0] === 2, 'a wrong PIN is refused and decrements the counter', `${/CKR_\w+/.exec(wrong.stderr)?.[0] ?? 'no error'}, tries ${afterWrong[0]}`);

  const login = tool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', '--login', '--pin', AUTH_PIN, '--sign', '--id', '01', '-m', 'SHA256-RSA-PKCS', '-i', message, '-o', signature]);
  const afterRight = tries();
  report(login.status === 0 && afterRight[0] === 3, 'the right PIN resets the counter', `tries ${afterRight[0]}`);
}

try {
  await main();
} catch (error) {
  report(false, 'conformance run', error instanceof Error ? error.message : String(error));
} finally {
  for (const child of started.reverse()) await stop(child);
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${failures === 0 ? 'conformance: all checks passed' : `conformance: ${failures} check(s) failed`}\n`);
process.exit(failures === 0 ? 0 : 1);
