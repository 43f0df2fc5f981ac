/**
 * The virtual My Number card as a vsmartcard "vicc": it connects to vpcd (the pcscd driver of
 * vsmartcard-vpcd, listening on 127.0.0.1:35963) and answers exactly what the browser's virtual
 * card answers — this file is bundled by run.mjs with esbuild from kofu's own card code.
 *
 * vpcd framing (research/vpcd-conformance.md): every message is a 2-byte big-endian length and a
 * payload; a 1-byte payload is a control code (00 power off, 01 power on, 02 reset, 04 get ATR);
 * anything longer is a C-APDU. The card replies only to 04 (its ATR) and to APDUs.
 *
 * Usage: node vicc.mjs <outDir> — writes the card's certificates (DER) and the auth public key
 * (SPKI DER) to outDir for the checks, then serves until killed.
 */
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { DEMO_RESIDENTS, createVirtualDemoCard, getDemoCard } from '../../src/card/virtual/demo-cards.ts';
import { MemoryCardStateStore } from '../../src/card/virtual/state.ts';

const VPCD_PORT = 35963;
const CONTROL = { POWER_OFF: 0, POWER_ON: 1, RESET: 2, GET_ATR: 4 } as const;

async function main(): Promise<void> {
  const outDir = process.argv[2];
  const resident = DEMO_RESIDENTS[0];
  const demo = await getDemoCard(resident);
  const card = await createVirtualDemoCard(resident, new MemoryCardStateStore());
  const der = (raw: ArrayBuffer) => new Uint8Array(raw);
  writeFileSync(join(outDir, 'auth.der'), der(demo.authCert.rawData));
  writeFileSync(join(outDir, 'auth-ca.der'), der(demo.ca.authCa.rawData));
  writeFileSync(join(outDir, 'sign.der'), der(demo.signCert.rawData));
  writeFileSync(join(outDir, 'sign-ca.der'), der(demo.ca.signCa.rawData));
  writeFileSync(join(outDir, 'auth-pub.der'), der(demo.authCert.publicKey.rawData));

  const connect = () => {
    const socket = net.connect(VPCD_PORT, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let queue = Promise.resolve();
    const reply = (bytes: Uint8Array) => {
      const header = Buffer.alloc(2);
      header.writeUInt16BE(bytes.length);
      socket.write(Buffer.concat([header, Buffer.from(bytes)]));
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < 2 + length) break;
        const message = new Uint8Array(buffer.subarray(2, 2 + length));
        buffer = buffer.subarray(2 + length);
        // Answers must keep their order even though the card is asynchronous.
        queue = queue.then(async () => {
          if (message.length === 1) {
            if (message[0] === CONTROL.GET_ATR) reply(card.atr);
            else card.reset(); // power off / on / reset: volatile state goes, PIN counters stay
            return;
          }
          reply(await card.processApdu(message));
        });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => setTimeout(connect, 200));
  };
  connect();
  process.stdout.write('vicc ready\n');
}

main().catch((error) => {
  process.stderr.write(`vicc failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
