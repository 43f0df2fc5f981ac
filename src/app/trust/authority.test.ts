import { expect } from '@open-wc/testing';
import { loadRootKey } from '../../store/keys.ts';
import { MUNICIPALITY, device, expectRefusal, failure, provisionedPair, removeDevices } from './testing/devices.ts';
import { describeError } from '../../ui/shared/error-messages.ts';

describe('app/trust/authority', () => {
  afterEach(removeDevices);

  it('backs up the root with a confirmed passphrase and refuses a wrong passphrase without storing anything', async () => {
    const admin = await device({ demo: false });
    const spare = await device({ demo: false });
    await expectRefusal(admin.authority.exportRootBackup('correct horse battery', 'correct horse battery'), 'root.missing');
    const root = await admin.authority.createRoot(MUNICIPALITY, '千代田区');
    await expectRefusal(admin.authority.createRoot(MUNICIPALITY, '千代田区'), 'root.exists');
    expect((await failure(admin.authority.exportRootBackup('correct horse battery', 'correct horse batterx'))).code).to.equal('root.passphrase-mismatch');
    expect((await failure(admin.authority.exportRootBackup('short', 'short'))).code).to.equal('key-backup.weak-passphrase');
    const file = await admin.authority.exportRootBackup('correct horse battery', 'correct horse battery');
    const wrong = await expectRefusal(spare.authority.restoreRoot(file, 'correct horse batterx'), 'key-backup.wrong-passphrase');
    expect(describeError(wrong, 'en')).to.match(/^Wrong passphrase/);
    expect(await loadRootKey(spare.db)).to.equal(undefined);
    await expectRefusal(spare.authority.restoreRoot(file.slice(0, 40), 'correct horse battery'), 'key-backup.not-a-backup');
    const restored = await spare.authority.restoreRoot(file, 'correct horse battery');
    expect(restored).to.deep.equal(root);
    // The restored root can continue the municipality's list on the spare device.
    expect((await spare.authority.publishTrustList()).list.roots[0].municipality).to.equal(MUNICIPALITY);
    // Removing the root needs a backup saved on that device and its key id typed.
    await expectRefusal(spare.authority.deleteRoot(root.kid), 'root.not-backed-up');
    await expectRefusal(admin.authority.deleteRoot('0000000000000000'), 'root.delete-kid-mismatch');
    await admin.authority.deleteRoot(root.kid);
    expect(await admin.authority.rootInfo()).to.equal(undefined);
    expect((await admin.store.registeredAnchors()).map((a) => a.kid), 'its lists are still trusted').to.deep.equal([root.kid]);
    expect(await admin.authority.restoreRoot(file, 'correct horse battery')).to.deep.equal(root);
  });

  it('revokes a tablet by publishing the next list; the tablet then refuses to sign, old lists are refused, and it can be re-keyed', async () => {
    const { admin, tablet, listBytes } = await provisionedPair();
    const kid = (await tablet.signer.currentSigner()).info.kid;
    await expectRefusal(admin.authority.revokeSigner('not hex'), 'root.bad-kid');
    const { bytes, list } = await admin.authority.revokeSigner(kid);
    expect(list.version).to.equal(2);
    expect(list.revoked).to.have.length(1);
    await expectRefusal(admin.authority.revokeSigner(kid), 'root.already-revoked');
    await tablet.store.importTrustList(bytes, 'v2');
    const error = await expectRefusal(tablet.signer.currentSigner(), 'signer.revoked', { unchanged: false });
    expect(describeError(error, 'ja')).to.contain(kid);
    const rollback = await expectRefusal(tablet.store.importTrustList(listBytes, 'v1'), 'trust.not-newer');
    expect(describeError(rollback, 'en')).to.match(/version 1/);
    expect((await tablet.store.currentTrust()).list!.version).to.equal(2);
    // Re-keying: the new key waits beside the old one until its certificate is installed.
    const renewal = await tablet.signer.createSignerRequest('T01', MUNICIPALITY);
    const waiting = await tablet.signer.signerStatus();
    expect(waiting.state).to.equal('certified');
    expect(waiting.pending!.kid).to.not.equal(kid);
    const { certificate } = await admin.authority.certifySigner(renewal);
    await tablet.signer.installSignerCertificate(certificate);
    const renewed = await tablet.signer.signerStatus();
    expect(renewed).to.include({ state: 'certified', kid: waiting.pending!.kid, revoked: false });
    expect(renewed.pending).to.equal(undefined);
    expect((await tablet.signer.currentSigner()).info.kid).to.equal(waiting.pending!.kid);
    await expectRefusal(tablet.signer.installSignerCertificate(certificate), 'signer.no-request');
  });
});
