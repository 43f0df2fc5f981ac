// The front comparison through a print–scan pipeline that is not kofu's (issue #11 [compare],
// scripts/independent-scan.mjs): poppler renders a kofu PDF at 600 dpi, ImageMagick prints and
// scans it; the built app's verifier gets the front capture and the back as two files.
//   - a genuine front, colour JPEG q85 at 300 dpi tilted 1° (white lid) → 真正, the front matches;
//   - a genuine front, grey PNG at 200 dpi → 真正, the front matches;
//   - the front of a forgery (one character of a name changed) over the genuine back, captured as
//     the first → 改ざん・偽造の疑い, the front differs;
//   - a genuine grey PNG at 300 dpi with the scanner's dark lid around the page → the front is
//     compared and matches (before src/verify/carrier-like.ts judged ink against each tile's own
//     paper, the lid made the front pass for a back whose QR did not read; docs/compare.md,
//     "Independent print–scan pipeline").
// Needs pdftoppm and ImageMagick's convert (.ci/run installs both).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeCaptures } from '../../scripts/independent-scan.mjs';
import { CONDITIONS } from '../../scripts/independent-scan/conditions.mjs';
import { DOCUMENTS } from '../../scripts/independent-scan/corpus.mjs';
import { verifierSession } from '../../scripts/independent-scan/verify.mjs';

const document = DOCUMENTS.find((d) => d.id === 'takahashi-some');
const condition = (id) => CONDITIONS.find((c) => c.id === id);

describe('front comparison on an independent print–scan pipeline (built, in Chromium)', () => {
  let dir;
  let session;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kofu-independent-'));
    session = await verifierSession();
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const verdictOf = async (conditionId, tamper) => {
    const [captured] = await makeCaptures({ dir, documents: [document], conditions: [condition(conditionId)], tampers: () => (tamper ? [tamper] : []), withGenuine: !tamper });
    return session.check(captured.front, captured.back);
  };

  it('genuine, colour JPEG q85, 300 dpi, 1° tilt → 真正, front matches', { timeout: 300_000 }, async () => {
    const result = await verdictOf('scan300-colour-jpeg85-rot1');
    assert.equal(result.outcome, 'authentic', result.text);
    assert.equal(result.front, 'match', result.text);
  });

  it('genuine, grey PNG, 200 dpi → 真正, front matches', { timeout: 300_000 }, async () => {
    const result = await verdictOf('scan200-grey-png');
    assert.equal(result.outcome, 'authentic', result.text);
    assert.equal(result.front, 'match', result.text);
  });

  it('forged name over the genuine back, colour JPEG q85, 1° tilt → 改ざん・偽造の疑い, front differs', { timeout: 300_000 }, async () => {
    const result = await verdictOf('scan300-colour-jpeg85-rot1', 'name');
    assert.equal(result.outcome, 'suspect', result.text);
    assert.equal(result.front, 'differs', result.text);
    assert.match(result.text, /改ざん・偽造の疑い/u);
  });

  it('genuine, grey PNG, 300 dpi, dark lid around the page → front compared and matching', { timeout: 300_000 }, async () => {
    const result = await verdictOf('scan300-grey-png-rot0.3');
    assert.equal(result.front, 'match', result.text);
  });

  it('the page logged no errors', () => {
    assert.deepEqual(session.seen.errors, []);
  });
});
