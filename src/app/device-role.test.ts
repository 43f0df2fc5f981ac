import { expect } from '@open-wc/testing';
import { adminByGesture, headerModes, routeFor } from './device-role.ts';

describe('app/device-role', () => {
  it('a kiosk tablet shows only the kiosk: no header links, /verify opens the kiosk, the console only by gesture', () => {
    expect(headerModes('kiosk')).to.deep.equal([]);
    expect(routeFor('kiosk', 'verify')).to.equal('kiosk');
    expect(routeFor('kiosk', 'admin')).to.equal('admin');
    expect(adminByGesture('kiosk')).to.equal(true);
  });

  it('a verifier shows only the verifier; an admin device no kiosk; the demo every mode', () => {
    expect(routeFor('verifier', 'kiosk')).to.equal('verify');
    expect(headerModes('verifier')).to.deep.equal([]);
    expect(adminByGesture('verifier')).to.equal(true);
    expect(routeFor('admin', 'kiosk')).to.equal('admin');
    expect(headerModes('admin')).to.deep.equal(['verify', 'admin']);
    expect(headerModes('demo')).to.deep.equal(['kiosk', 'verify', 'admin']);
    expect(adminByGesture('demo')).to.equal(false);
  });
});
