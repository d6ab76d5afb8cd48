// The customer domain (pure): contact keys from every common Dutch notation, the klantbeeld worded
// for the customer with age groups that do not overlap, what it asks of the colleague, merging a
// household into one record, name search, and the safety pause's decisions.
import { expect } from 'chai';
import {
  ageGroupFor,
  contactPoint,
  creationUnderPause,
  customerKey,
  customerNeeds,
  isHeld,
  markLifted,
  markPaused,
  matchesName,
  mergeFacts,
  newRecord,
  parseProfile,
  profileLines,
  AGE_GROUPS,
  type CustomerFacts,
} from '../../src/domain/customers';
import { neutralise } from '../../src/domain/neutralise';
import type { Item } from '../../src/domain/types';
import { callbackDeadline, WorkingCalendar } from '../../src/domain/workingTime';
import { nl } from '../../src/texts/nl';
import { anItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const { anna } = staff;
const THU_10 = new Date('2026-11-26T10:00:00+01:00');

function item(over: Partial<Item> = {}, data: Record<string, unknown> = {}): Item {
  return anItem({
    id: 'TB-1001',
    kind: 'callback',
    status: 'open',
    subject: 'Lekkage',
    createdBy: anna,
    at: THU_10,
    deadline: callbackDeadline(cal, THU_10),
    data: { customerName: 'Mevrouw Jansen', phone: '+31612345678', ...data },
    ...over,
  });
}

describe('customers (pure)', () => {
  it('customerKey: every common Dutch notation of a number gives one key; e-mail lower-cased; anything else null', () => {
    for (const n of ['06-12345678', '+31 6 1234 5678', '0031612345678', '(06) 12 34 56 78', '0612345678', '06 12345678']) {
      expect(customerKey(n), n).to.equal('+31612345678');
    }
    expect(customerKey(' Jan.Visser@Voorbeeld.NL ')).to.equal('jan.visser@voorbeeld.nl');
    expect(customerKey('mevrouw Jansen')).to.equal(null);
    expect(customerKey('12345')).to.equal(null);
    expect(contactPoint('0612345678')).to.deep.equal({ kind: 'phone', key: '+31612345678', display: '06 12345678' });
  });

  it('age groups do not overlap: every age falls in exactly one group, at both borders', () => {
    expect([22, 23, 54, 55].map(ageGroupFor)).to.deep.equal(['jonger-dan-23', '23-tot-55', '23-tot-55', '55-of-ouder']);
    for (let age = 0; age < 110; age++) expect(AGE_GROUPS.filter((g) => g === ageGroupFor(age))).to.have.length(1);
    // The wording says the same: "jonger dan 23", "van 23 tot 55", "55 of ouder".
    expect(Object.values(nl.customers.profile.ageGroup)).to.deep.equal(['Jonger dan 23 jaar', 'Van 23 tot 55 jaar', '55 jaar of ouder']);
  });

  it('the klantbeeld is stored in words for the customer; the first labels still map onto them', () => {
    expect(parseProfile({ ageGroup: 'senior', digital: 'nietDigitaal', attitude: 'afhankelijk' })).to.deep.equal({
      ageGroup: '55-of-ouder',
      digital: 'liever-persoonlijk',
      attitude: 'hulp-bij-regelen',
    });
    expect(parseProfile({ ageGroup: 'kind', digital: '', attitude: 7 })).to.deep.equal({});
    const lines = profileLines({ digital: 'liever-persoonlijk', attitude: 'hulp-bij-regelen' });
    expect(lines).to.deep.equal([nl.customers.profile.digital['liever-persoonlijk'], nl.customers.profile.attitude['hulp-bij-regelen']]);
    for (const l of lines) expect(l).not.to.match(/afhankelijk|afnemer|niet digitaal/i); // no label about the customer
  });

  it('customerNeeds: not digital → letter; digital → the digital options; needs help → help', () => {
    expect(customerNeeds({ digital: 'liever-persoonlijk' })).to.deep.equal({ notDigital: true, digital: false, needsHelp: false });
    expect(customerNeeds({}, 'brief').notDigital).to.equal(true);
    expect(customerNeeds({ digital: 'regelt-digitaal', attitude: 'hulp-bij-regelen' })).to.deep.equal({
      notDigital: false,
      digital: true,
      needsHelp: true,
    });
    expect(customerNeeds(undefined)).to.deep.equal({ notDigital: false, digital: false, needsHelp: false });
  });

  it('a household shares one record: names collected (without duplicates), contact points joined, latest klantbeeld wins', () => {
    const f1: CustomerFacts = {
      contacts: [contactPoint('06 12345678')!],
      name: 'Mevrouw Jansen',
      profile: { digital: 'liever-persoonlijk' },
    };
    const f2: CustomerFacts = {
      contacts: [contactPoint('+31612345678')!, contactPoint('jansen@voorbeeld.nl')!],
      name: 'Dhr. Jansen',
      profile: { digital: 'regelt-digitaal', ageGroup: '55-of-ouder' },
      preferredChannel: 'email',
    };
    const f3: CustomerFacts = { contacts: [contactPoint('0612345678')!], name: ' mevrouw  Jánsen', profile: {} };
    let r = newRecord('t', 'KL-1', f1, 'TB-1', THU_10);
    r = mergeFacts(mergeFacts(r, f2, 'TB-2', THU_10), f3, 'TB-2', THU_10);
    expect(r.names).to.deep.equal(['Mevrouw Jansen', 'Dhr. Jansen']);
    expect(r.contacts.map((c) => c.key)).to.deep.equal(['+31612345678', 'jansen@voorbeeld.nl']);
    expect(r.profile).to.deep.equal({ digital: 'regelt-digitaal', ageGroup: '55-of-ouder' });
    expect(r.preferredChannel).to.equal('email');
    expect(r.itemIds).to.deep.equal(['TB-1', 'TB-2']);
    expect(matchesName(r, 'jansen')).to.equal(true);
    expect(matchesName(r, 'Mevrouw JANSEN')).to.equal(true);
    expect(matchesName(r, 'jans')).to.equal(false);
    expect(matchesName({ ...r, names: ['Mevrouw Klaassen-de Boer'] }, 'klaassen')).to.equal(true);
    expect(matchesName(r, 'pietersen')).to.equal(false);
  });

  it('pause: a new home visit is refused, anything else held; an open item is marked and its owner told once', () => {
    const r = newRecord('t', 'KL-1', { contacts: [contactPoint('0612345678')!], profile: {} }, 'TB-1', THU_10);
    const pause = { since: THU_10.toISOString(), by: anna, reason: 'Dreigde' };
    const visit = creationUnderPause('appointment', { promiseKind: 'homevisit' }, r, pause);
    expect(visit.ok).to.equal(false);
    const held = creationUnderPause('callback', { topic: 'x' }, r, pause);
    expect(held.ok && held.data.held).to.equal(true);
    expect(isHeld(item({}, held.ok ? held.data : {}))).to.equal(true);

    const owned = item({ owner: anna, status: 'claimed' });
    const mark = markPaused(owned, r, pause, 'Lekkage')!;
    expect(mark.effects).to.deep.equal([{ type: 'notifyPerson', to: anna, text: nl.customers.pause.ownerNotice('TB-1001', 'Lekkage') }]);
    expect(markPaused({ ...owned, data: mark.data }, r, pause, 'Lekkage')).to.equal(null); // once
    expect(markPaused(item({ closedAt: THU_10, status: 'done' }), r, pause, 'x')).to.equal(null);
    // The topic is the subject as typed: markPaused neutralises it in the notice, the item id passes as is.
    const typed = markPaused(owned, r, pause, '[klik](https://evil.example) **nu**')!;
    expect(typed.effects).to.deep.equal([
      {
        type: 'notifyPerson',
        to: anna,
        text: nl.customers.pause.ownerNotice('TB-1001', neutralise('[klik](https://evil.example) **nu**')),
      },
    ]);
  });

  it('lifting: a held item gets its term from the lifting moment and is posted; a marked open item keeps its term', () => {
    const r = newRecord('t', 'KL-1', { contacts: [contactPoint('0612345678')!], profile: {} }, 'TB-1', THU_10);
    const mark = { customerId: 'KL-1', since: THU_10.toISOString(), reason: 'Dreigde' };
    const liftAt = new Date('2026-12-07T11:00:00+01:00'); // Monday, a week and a half later
    const held = markLifted(item({}, { held: true, customerPause: mark }), r, cal, liftAt)!;
    expect(held.post).to.equal(true);
    expect(held.deadline!.toISOString()).to.equal(callbackDeadline(cal, liftAt).toISOString());
    expect(held.data).not.to.have.property('held');
    expect(held.data).not.to.have.property('customerPause');
    const open = item({ owner: anna }, { customerPause: mark });
    const kept = markLifted(open, r, cal, liftAt)!;
    expect(kept.post).to.equal(false);
    expect(kept.deadline).to.equal(open.deadline);
    expect(kept.history.action).to.equal('customerPauseLifted');
    expect(markLifted(item(), r, cal, liftAt)).to.equal(null);
  });
});
