import { expect } from '@open-wc/testing';
import { beginWork, isBusy, onIdle } from './activity.ts';

describe('app/activity', () => {
  it('is busy while any work is held and reports idle once, when the last ends', () => {
    let idle = 0;
    const unsubscribe = onIdle(() => idle++);
    const endA = beginWork('a');
    const endB = beginWork('b');
    expect(isBusy()).to.equal(true);
    endA();
    expect(idle).to.equal(0);
    endB();
    endB(); // ending twice is harmless
    expect(isBusy()).to.equal(false);
    expect(idle).to.equal(1);
    unsubscribe();
  });
});
