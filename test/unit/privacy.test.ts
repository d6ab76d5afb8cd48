// Pure privacy rules: recognising one customer, erasing while keeping the shape, and the kinds
// that hold no customer data by design.
import { expect } from 'chai';
import { genericPrivacy, matchesCustomer, normaliseName, noCustomerData } from '../../src/domain/privacy';
import { privacyOf } from '../../src/app/privacy';
import { chunks } from '../../src/teams/features/privacy';
import type { Item } from '../../src/domain/types';

const item = (data: Record<string, unknown>, kind: Item['kind'] = 'callback'): Item => ({
  tenantId: 't',
  id: 'TB-1',
  kind,
  status: 'done',
  subject: 's',
  owner: null,
  createdBy: { id: 'x', name: 'X' },
  createdAt: new Date(0),
  updatedAt: new Date(0),
  deadline: null,
  closedAt: new Date(0),
  source: 'teams',
  version: 1,
  data,
  card: null,
});

describe('privacy rules (pure)', () => {
  it('normalises names: case, accents, spaces and salutations', () => {
    expect(normaliseName('  Mevrouw   Jänsen ')).to.equal('jansen');
    expect(normaliseName('dhr. de Boer')).to.equal('de boer');
    expect(normaliseName('De heer Öztürk')).to.equal('ozturk');
    expect(normaliseName('Jansen-de Vries')).to.equal('jansen-de vries');
  });

  it('matches a customer by phone in any notation, by name, by e-mail; never an erased item', () => {
    const c = item({ customerName: 'Mevrouw Jansen', phone: '+31612345678', email: 'k.jansen@example.nl' });
    for (const q of ['06 12345678', '0612345678', '+31 6 1234 5678', '0031612345678', 'jansen', 'MEVR. JANSEN', 'k.jansen@example.nl']) {
      expect(matchesCustomer(c, genericPrivacy, q), q).to.equal(true);
    }
    for (const q of ['06 12345679', 'Jans', 'Mevrouw Jansen-de Vries', '', 'k.jansen@example.com'])
      expect(matchesCustomer(c, genericPrivacy, q), q).to.equal(false);
    expect(matchesCustomer(item({ ...c.data, erased: true }), genericPrivacy, '06 12345678')).to.equal(false);
  });

  it('erases personal fields but keeps the shape (strings empty, objects empty) and everything else', () => {
    const erased = genericPrivacy.erase({
      customerName: 'A',
      phone: '+31612345678',
      phoneDisplay: '06 12345678',
      topic: 'Lekkage',
      details: 'd',
      doneNote: 'n',
      profile: { ageGroup: 'senior' },
      attempts: [{ at: 'x', by: 'Bram' }],
      sensitive: true,
      language: 'Arabisch',
      address: 'Straat 1',
      cancelReason: 'r',
      claimedAt: '2026-11-26T10:00:00Z',
    });
    expect(erased).to.deep.equal({
      customerName: '',
      phone: '',
      phoneDisplay: '',
      topic: 'Lekkage',
      details: '',
      doneNote: '',
      profile: {},
      attempts: [{ at: 'x', by: 'Bram' }],
      sensitive: true,
      language: '',
      address: '',
      cancelReason: '',
      claimedAt: '2026-11-26T10:00:00Z',
      erased: true,
    });
  });

  it('appointments: the contact (phone or e-mail) identifies the customer and is removed on erasure', () => {
    const phone = item(
      { customerName: 'Meneer Bos', contact: { kind: 'phone', value: '+31612345670', display: '06 12345670' }, topic: 'x' },
      'appointment',
    );
    const mail = item(
      { customerName: 'Meneer Bos', contact: { kind: 'email', value: 'bos@example.nl', display: 'bos@example.nl' } },
      'appointment',
    );
    expect(matchesCustomer(phone, genericPrivacy, '06-12345670')).to.equal(true);
    expect(matchesCustomer(mail, genericPrivacy, 'BOS@example.nl')).to.equal(true);
    expect(genericPrivacy.erase(phone.data)).to.deep.equal({ customerName: '', topic: 'x', erased: true });
    expect(genericPrivacy.describe(phone.data)).to.deep.include(['contact', '06 12345670']);
  });

  it('exception cases hold no customer data: never matched, never erased (the precedent library stays)', () => {
    expect(privacyOf('exception')).to.equal(noCustomerData);
    expect(privacyOf('callback').holdsCustomerData).to.equal(true);
    expect(privacyOf('interpreter').holdsCustomerData).to.equal(true);
    const data = { situation: 'Huurder wil ...', customerName: 'Niet hier' };
    expect(noCustomerData.erase(data)).to.equal(data);
    expect(matchesCustomer(item(data, 'exception'), noCustomerData, 'Niet hier')).to.equal(false);
  });

  it('splits a long export over messages without cutting an item', () => {
    const parts = ['a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50)];
    expect(chunks(parts, 120)).to.deep.equal([`${'a'.repeat(50)}\n\n${'b'.repeat(50)}`, 'c'.repeat(50)]);
    expect(chunks(['x'.repeat(300)], 100)[0]).to.have.length(100);
  });
});
