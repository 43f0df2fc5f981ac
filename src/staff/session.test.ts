import { expect } from '@open-wc/testing';
import { STAFF_IDLE_MS, idleRemaining, isIdleExpired, startSession, touchSession } from './session.ts';

describe('staff/session', () => {
  it('ends after five idle minutes; input moves the end', () => {
    const start = 1_000_000;
    let session = startSession({ id: 'abc', label: '窓口1', method: 'passkey' }, start);
    expect(STAFF_IDLE_MS).to.equal(5 * 60 * 1000);
    expect(isIdleExpired(session, start + STAFF_IDLE_MS - 1)).to.equal(false);
    expect(isIdleExpired(session, start + STAFF_IDLE_MS)).to.equal(true);
    session = touchSession(session, start + 60_000);
    expect(isIdleExpired(session, start + STAFF_IDLE_MS)).to.equal(false);
    expect(idleRemaining(session, start + 120_000)).to.equal(STAFF_IDLE_MS - 60_000);
    expect(touchSession(session, start)).to.equal(session); // a clock going back does not extend it
  });
});
