import { expect } from '@open-wc/testing';
import { KofuError, boundError, fromErrorData, toErrorData } from './errors.ts';

class DomainError extends KofuError<string, object> {
  override readonly name: string = 'DomainError';
}
const TooLongError = boundError(DomainError, 'TooLongError', 'domain.too-long', (length: number, max: number) => ({ length, max }));
const OtherError = boundError(DomainError, 'OtherError', 'domain.other', () => ({}));

describe('bytes/errors: boundError', () => {
  it('builds an error of its domain class with its own name, code and params from the arguments', () => {
    const error = new TooLongError(70, 64);
    expect(error).to.be.instanceOf(TooLongError).and.instanceOf(DomainError).and.instanceOf(KofuError);
    expect(error).not.to.be.instanceOf(OtherError);
    expect(error.name).to.equal('TooLongError');
    expect(TooLongError.name).to.equal('TooLongError');
    expect(error.code).to.equal('domain.too-long');
    expect(error.params).to.deep.equal({ length: 70, max: 64 });
    expect(error.message).to.equal('domain.too-long (length=70, max=64)');
  });

  it('crosses a worker boundary as plain data with its name, code and params', () => {
    const back = fromErrorData(structuredClone(toErrorData(new OtherError())));
    expect([back.name, back.code, back.params]).to.deep.equal(['OtherError', 'domain.other', {}]);
  });
});
