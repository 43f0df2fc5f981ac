import { expect } from '@open-wc/testing';
import { expose, wrap } from 'comlink';
import { CardError } from '../card/errors.ts';
import { installErrorTransfer } from './worker-errors.ts';

describe('typed errors across a comlink boundary', () => {
  it('arrive with their code and params, and other errors as before', async () => {
    installErrorTransfer();
    const { port1, port2 } = new MessageChannel();
    expose(
      {
        card: () => {
          throw new CardError('card.pin-incorrect', { triesLeft: 2, sw: '63C2' });
        },
        plain: () => {
          throw new TypeError('plain failure');
        },
      },
      port1,
    );
    const remote = wrap<{ card(): void; plain(): void }>(port2);
    const typed = await remote.card().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(typed).to.have.property('code', 'card.pin-incorrect');
    expect(typed).to.have.deep.property('params', { triesLeft: 2, sw: '63C2' });
    const plain = await remote.plain().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(plain).to.be.instanceOf(Error);
    expect((plain as Error).message).to.equal('plain failure');
    port1.close();
    port2.close();
  });
});
