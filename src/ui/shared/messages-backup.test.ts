import { expect } from '@open-wc/testing';
import { messages } from './messages.ts';

describe('ui/shared/messages-backup', () => {
  const wipe = {
    stores: [
      { store: 'registry.residents', current: 14, incoming: 0 },
      { store: 'settings', current: 2, incoming: 0 },
      { store: 'cardState', current: 0, incoming: 0 },
    ],
  };

  it('asks before a restore with the count per store it replaces, and warns that an empty backup deletes everything', () => {
    const ja = messages.ja['admin.backup.confirm'](wipe);
    expect(ja).to.contain('すべて消えます');
    expect(ja).to.contain('住民: 14件 → 0件');
    expect(ja).to.contain('設定: 2件 → 0件');
    expect(ja).to.not.contain('デモカード'); // empty on both sides: nothing changes there
    const en = messages.en['admin.backup.confirm'](wipe);
    expect(en).to.contain('deletes all data');
    expect(en).to.contain('Residents: 14 → 0');
    expect(en).to.not.contain('Demo card');
  });

  it('does not warn of deletion when the backup holds data', () => {
    const ja = messages.ja['admin.backup.confirm']({ stores: [{ store: 'registry.residents', current: 14, incoming: 12 }] });
    expect(ja).to.not.contain('すべて消えます');
    expect(ja).to.contain('住民: 14件 → 12件');
  });
});
