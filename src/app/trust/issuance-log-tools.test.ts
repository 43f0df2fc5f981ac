import { expect } from '@open-wc/testing';
import type { KofuDatabase } from '../../store/database.ts';
import { appendIssuance } from '../../store/issuance-log.ts';
import { IssuanceLogTools } from './issuance-log-tools.ts';
import { START, device, removeDevices } from './testing/devices.ts';

describe('app/trust/issuance-log-tools', () => {
  afterEach(removeDevices);

  async function appendSome(db: KofuDatabase, count: number) {
    for (let i = 0; i < count; i++) {
      await appendIssuance(db, { serial: 1 + i, certType: 1, issuedAt: START + i, signerKid: new Uint8Array(8), seal: new Uint8Array([i]) });
    }
  }

  it('signs a checkpoint over the newest entries before exporting, so the export has no unsigned tail', async () => {
    const { db, store, signer } = await device();
    const tools = new IssuanceLogTools(signer, store, async () => db, () => START);
    await appendSome(db, 3);
    expect((await tools.verify()).unsignedTail).to.equal(3);
    const exported = await tools.export();
    expect(exported).to.include({ entries: 3, signedHead: true });
    const report = await tools.verify(exported.json);
    expect(report).to.include({ ok: true, entries: 3, checkpoints: 1, signedThrough: 2, unsignedTail: 0 });
  });

  it('still exports without a usable signer, and says the newest entries are unsigned', async () => {
    const { db, store, signer } = await device({ demo: false });
    const tools = new IssuanceLogTools(signer, store, async () => db, () => START);
    await appendSome(db, 2);
    const exported = await tools.export();
    expect(exported).to.include({ entries: 2, signedHead: false });
    expect(await tools.verify(exported.json)).to.include({ ok: true, signedThrough: -1, unsignedTail: 2 });
    const edited = JSON.parse(exported.json) as { entries: { certType: number }[] };
    edited.entries[0].certType = 2;
    const report = await tools.verify(JSON.stringify(edited));
    expect(report.ok).to.equal(false);
    expect(report.problems.map((p) => p.kind)).to.include('modified');
  });
});
