// Follow-up appointments in Teams: `afspraak [soort]` → pick the kind → the form prefilled with
// the charter's term → the item with the shared owned life cycle, plus "eerste reactie verstuurd".
import { CardFactory } from 'botbuilder';
import { APPOINTMENT_KINDS, type AppointmentKind } from '../../../domain/items/appointment';
import { oneOf } from '../../../domain/items/common';
import type { Person } from '../../../domain/types';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { sayText } from '../../cards/render';
import { cardResponse, noticeCard } from '../../cards/common';
import { defineFeature, type PortsOf } from '../../feature';
import { momentFrom, resolvePerson } from '../../people';
import { FREE_MOMENTS_NEEDS, LIFECYCLE_NEEDS } from '../../ports';
import type { Turn } from '../../turn';
import { itemVerb, lifecycleVerbs } from '../itemActions';
import { appointmentCards, appointmentChooser, appointmentForm } from './cards';
import { freeMomentsView, type MomentsForm } from '../shared/freeMoments';
import { APPOINTMENT_SLOT_MINUTES, freeMomentsTerm } from '../../../domain/items/appointment';
import { customerNeeds, needsHints, profileLines } from '../../../domain/customers/profile';
import type { CustomerRecord } from '../../../domain/customers/record';
import { trusted } from '../../cards/render';

/** The notice on a form after "Klant opzoeken" found the customer: the klantbeeld and what it asks. */
function knownCustomerText(r: CustomerRecord): string {
  const lines = profileLines(r.profile);
  return [
    nl.customers.form.known(r.id),
    lines.length ? `${nl.customers.card.profile}: ${lines.join('; ')}` : '',
    ...needsHints(customerNeeds(r.profile, r.preferredChannel)),
  ]
    .filter(Boolean)
    .join('\n\n');
}

const t = nl.appointments;

const NEEDS = [...LIFECYCLE_NEEDS, ...FREE_MOMENTS_NEEDS, 'customerCases'] as const;
type Ports = PortsOf<typeof NEEDS>;

/** Words people type after `afspraak` for a kind. */
const KIND_WORDS: Record<string, AppointmentKind> = {
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  brief: 'letter',
  balie: 'walkin',
  inloop: 'walkin',
  huisbezoek: 'homevisit',
  bezoek: 'homevisit',
  overig: 'other',
  anders: 'other',
};

/** Form values (strings from Teams) → the domain's create input. */
async function createInput(turn: Turn<Ports>, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const ownerId = typeof data.owner === 'string' ? data.owner.trim() : '';
  // From the form an empty owner means "for the team"; the form prefills the creator.
  const owner: Person | null = ownerId ? ((await resolvePerson(turn, ownerId)) ?? null) : null;
  return { ...data, moment: momentFrom(turn, data.date, data.time), owner };
}

/** "Vrije momenten tonen" in the afspraak form: the chosen colleague's (or one's own) agenda, the kind's term. */
function momentsForm(kind: AppointmentKind): MomentsForm {
  return {
    colleague: 'owner',
    date: 'date',
    time: 'time',
    allowSelf: true,
    noColleague: nl.conversation.freeMoments.noOwner,
    noMoment: nl.conversation.freeMoments.noMomentAppointment,
    moments: { term: (cal, now, preferred) => freeMomentsTerm(cal, kind, now, preferred), minutes: APPOINTMENT_SLOT_MINUTES },
  };
}

function createdText(
  turn: Turn<Ports>,
  item: { id: string; deadline: Date | null; owner: Person | null; data: Record<string, unknown> },
  posted: boolean,
): string {
  const now = turn.s.clock.now();
  const deadline = item.deadline ? formatDeadline(turn.s.calendar, item.deadline, now) : '';
  if (item.data.held === true) return nl.customers.pause.heldCreated(item.id);
  if (!posted) return t.createdNoChannel(item.id);
  let text = t.created(item.id, deadline);
  if (item.owner && item.owner.id !== turn.actor.id) text += ` ${sayText(t.createdFor, trusted(item.id), item.owner.name)}`;
  if (item.data.promiseKind === 'walkin' && item.owner && item.deadline) {
    text += ` ${sayText(t.walkinCreated, item.owner.name, trusted(formatMoment(turn.s.calendar, item.deadline, now)))}`;
  }
  // A free moment picked in the form: say it goes into the agenda.
  const plan = (item.data as { agenda?: { state?: string; start?: string; late?: boolean } }).agenda;
  if (plan?.state === 'planned' && plan.start && item.owner) {
    const when = formatMoment(turn.s.calendar, new Date(plan.start), now);
    text += ` ${plan.late ? sayText(nl.agenda.msg.chosenLate, trusted(when), item.owner.name) : sayText(nl.agenda.msg.chosen, trusted(when), item.owner.name)}`;
  }
  return text;
}

const verbs = { renderer: appointmentCards };

export const appointmentsFeature = defineFeature(NEEDS, {
  name: 'appointments',
  commands: {
    afspraak: async (turn, args) => {
      const kind = KIND_WORDS[args.trim().toLowerCase()];
      const card = kind ? await appointmentForm(turn.s, turn.tenantId, kind, turn.actor) : appointmentChooser(turn.s);
      await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
  },
  verbs: {
    'appointment.start': async (turn) => cardResponse(appointmentChooser(turn.s)),
    'appointment.form': async (turn, data) => {
      const kind = oneOf(String(data.promiseKind ?? ''), APPOINTMENT_KINDS);
      if (!kind) return cardResponse(appointmentChooser(turn.s));
      return cardResponse(await appointmentForm(turn.s, turn.tenantId, kind, turn.actor));
    },
    // "Klant opzoeken": the form again with the known name, and the klantbeeld and what it asks in the notice.
    'appointment.lookupCustomer': async (turn, data) => {
      const kind = oneOf(String(data.promiseKind ?? ''), APPOINTMENT_KINDS);
      if (!kind) return cardResponse(appointmentChooser(turn.s));
      const found = await turn.s.customerCases.prefill(turn.tenantId, data, 'contact', turn.actor);
      const f = nl.customers.form;
      const notice =
        found.status === 'filled'
          ? { text: knownCustomerText(found.record), style: 'accent' as const }
          : { text: found.status === 'noContact' ? f.needContact : f.none, style: 'warning' as const };
      return cardResponse(
        await appointmentForm(turn.s, turn.tenantId, kind, turn.actor, {
          values: found.status === 'filled' ? found.values : data,
          notice,
          formId: typeof data.formId === 'string' ? data.formId : undefined,
        }),
      );
    },
    // "Vrije momenten tonen": the same form again, everything typed kept, with the agenda's free moments.
    'appointment.freeMoments': async (turn, data) => {
      const kind = oneOf(String(data.promiseKind ?? ''), APPOINTMENT_KINDS);
      if (!kind) return cardResponse(appointmentChooser(turn.s));
      const formId = typeof data.formId === 'string' ? data.formId : undefined;
      return cardResponse(
        await appointmentForm(turn.s, turn.tenantId, kind, turn.actor, {
          values: data,
          formId,
          moments: await freeMomentsView(turn, data, momentsForm(kind)),
        }),
      );
    },
    'appointment.create': async (turn, data) => {
      const kind = oneOf(String(data.promiseKind ?? ''), APPOINTMENT_KINDS);
      if (!kind) return cardResponse(appointmentChooser(turn.s));
      const formId = typeof data.formId === 'string' && data.formId ? data.formId : undefined;
      const input = await createInput(turn, data);
      const outcome = await turn.s.items.create(
        'appointment',
        turn.tenantId,
        input,
        turn.actor,
        'teams',
        formId ? `form:${formId}` : undefined,
      );
      if (outcome.status === 'invalid') {
        return cardResponse(
          await appointmentForm(turn.s, turn.tenantId, kind, turn.actor, {
            values: data,
            errors: outcome.refusal.fields,
            notice: { text: outcome.refusal.message, style: 'attention' },
            formId,
          }),
        );
      }
      if (outcome.status === 'conflict') return cardResponse(noticeCard(trusted(nl.common.somethingWrong), 'attention'));
      const posted = outcome.status === 'created' ? outcome.posted : true;
      return cardResponse(noticeCard(trusted(createdText(turn, outcome.item, posted)), 'good', trusted(t.formTitle[kind])));
    },
    ...lifecycleVerbs('appointment', verbs, t.msg),
    'appointment.acknowledge': itemVerb('acknowledge', {
      ...verbs,
      input: (turn, data) => ({ ...data, moment: momentFrom(turn, data.ackDate, data.ackTime) }),
    }),
  },
  cards: { appointment: appointmentCards },
  // The same reminders as callbacks: a nudge before the term when nobody has it, daily notes when late.
});
