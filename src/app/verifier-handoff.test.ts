import { expect } from '@open-wc/testing';
import { SHARED_FILE_CACHE, SHARED_FILE_KEY, SHARED_NAME_HEADER } from './verifier-file-types.ts';
import { cameFromShare, canReadClipboard, onLaunchFiles, pastedFile, readClipboardFile, takeSharedFile } from './verifier-handoff.ts';

describe('app/verifier-handoff', () => {
  afterEach(() => caches.delete(SHARED_FILE_CACHE));

  it('knows the share target redirect by its query', () => {
    expect(cameFromShare('?shared=1')).to.equal(true);
    expect(cameFromShare('')).to.equal(false);
    expect(cameFromShare('?other=1')).to.equal(false);
  });

  it('takes the file the service worker stored, name and type kept, exactly once', async () => {
    const cache = await caches.open(SHARED_FILE_CACHE);
    const headers = { 'Content-Type': 'image/jpeg', [SHARED_NAME_HEADER]: encodeURIComponent('裏面 写真.jpg') };
    await cache.put(SHARED_FILE_KEY, new Response(new Uint8Array([1, 2, 3]), { headers }));
    const file = await takeSharedFile();
    expect(file?.name).to.equal('裏面 写真.jpg');
    expect(file?.type).to.equal('image/jpeg');
    expect([...new Uint8Array(await file!.arrayBuffer())]).to.deep.equal([1, 2, 3]);
    expect(await takeSharedFile()).to.equal(undefined);
  });

  it('opens the first file the OS launches the installed app with', async () => {
    let consumer: ((params: { files: { getFile(): Promise<File> }[] }) => void) | undefined;
    const queue = { setConsumer: (c: typeof consumer) => (consumer = c) };
    const opened: string[] = [];
    onLaunchFiles((file) => opened.push(file.name), queue as never);
    consumer!({ files: [{ getFile: async () => new File(['x'], 'scan.tif') }, { getFile: async () => new File(['y'], 'other.pdf') }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).to.deep.equal(['scan.tif']);
    expect(() => onLaunchFiles(() => undefined, undefined)).not.to.throw();
  });

  it('finds a pasted image or PDF and ignores pasted text', () => {
    const data = new DataTransfer();
    data.items.add('just text', 'text/plain');
    expect(pastedFile(data)).to.equal(undefined);
    data.items.add(new File(['%PDF'], 'c.pdf', { type: 'application/pdf' }));
    expect(pastedFile(data)?.name).to.equal('c.pdf');
    expect(pastedFile(null)).to.equal(undefined);
  });

  it('reads an image from the async clipboard, and nothing when it is refused or holds none', async () => {
    const png = new Blob([new Uint8Array([137, 80])], { type: 'image/png' });
    const item = { types: ['text/html', 'image/png'], getType: async () => png } as unknown as ClipboardItem;
    const file = await readClipboardFile({ read: async () => [item] });
    expect(file?.type).to.equal('image/png');
    expect(file?.name).to.equal('clipboard.png');
    expect(await readClipboardFile({ read: async () => [{ types: ['text/plain'] } as unknown as ClipboardItem] })).to.equal(undefined);
    expect(await readClipboardFile({ read: () => Promise.reject(new DOMException('no', 'NotAllowedError')) })).to.equal(undefined);
    expect(canReadClipboard({})).to.equal(false);
    expect(canReadClipboard({ read: async () => [] })).to.equal(true);
  });
});
