import { expect } from 'chai';
import { bundle } from '../../src/domain/reminders';
import type { OutboxMessage } from '../../src/storage/repository';

const T = 'tenant';
const channel = (id: string): OutboxMessage => ({
  tenantId: T,
  key: `overdue:${T}:${id}:2026-11-30`,
  type: 'notifyChannel',
  lane: `channel:${T}`,
  payload: { text: `${id} te laat`, itemId: id },
});
const person = (id: string, who: string): OutboxMessage => ({
  tenantId: T,
  key: `overdue:${T}:${id}:2026-11-30`,
  type: 'notifyPerson',
  lane: `user:${who}`,
  payload: { to: { id: who, name: who }, text: `${id} te laat`, itemId: id },
});

describe('reminders: many notices for one chat become one message', () => {
  it('keeps up to three notices per chat as they are', () => {
    const msgs = [channel('TB-1'), channel('TB-2'), channel('TB-3'), person('TB-4', 'anna')];
    expect(bundle(msgs, '2026-11-30')).to.deep.equal(msgs);
  });

  it('collapses more than three into one message per chat listing the ids (ten at most), other chats untouched', () => {
    const many = Array.from({ length: 12 }, (_, i) => channel(`TB-${1001 + i}`));
    const annas = [person('TB-2001', 'anna'), person('TB-2002', 'anna'), person('TB-2003', 'anna'), person('TB-2004', 'anna')];
    const out = bundle([...many, person('TB-3001', 'bram'), ...annas], '2026-11-30');
    expect(out).to.have.length(3);
    const ch = out.find((m) => m.lane === `channel:${T}`)!;
    expect(ch.type).to.equal('notifyChannel');
    expect(ch.payload.text).to.equal(
      '12 zaken vragen aandacht (te laat of nog door niemand opgepakt): TB-1001, TB-1002, TB-1003, TB-1004, TB-1005, TB-1006, TB-1007, TB-1008, TB-1009, TB-1010 en nog 2. Typ **overzicht** voor de lijst.',
    );
    expect(ch.key).to.equal(`bundle:${T}:channel:${T}:2026-11-30:TB-1001`);
    const anna = out.find((m) => m.lane === 'user:anna')!;
    expect(anna.payload.to).to.deep.equal({ id: 'anna', name: 'anna' });
    expect(anna.payload.text).to.match(/^Je hebt 4 zaken die aandacht vragen .*TB-2001, TB-2002, TB-2003, TB-2004\. Typ \*\*mijn\*\*/);
    expect(out.find((m) => m.lane === 'user:bram')!.payload.itemId).to.equal('TB-3001');
  });
});
