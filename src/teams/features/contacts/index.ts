// `geholpen` in Teams: the short form (verb contact.create) that logs a customer helped at first
// contact. Telefoon is chosen already: the common case is one choice (the topic) and one click.
import { randomUUID } from 'node:crypto';
import { CardFactory } from 'botbuilder';
import type { Services } from '../../../app/services';
import { nl } from '../../../texts/nl';
import { cardResponse } from '../../cards/common';
import { choiceList, cap, neutraliseValues } from '../../cards/itemCard';
import { bind, sayText, trusted, trustedFields } from '../../cards/render';
import { defineFeature, type Notice } from '../../feature';
import template from '../../cards/templates/contactForm.json';

const t = nl.contacts;

export function contactForm(
  s: Pick<Services, 'config'>,
  o: { values?: Record<string, unknown>; errors?: Record<string, string>; notice?: Notice; formId?: string } = {},
): Record<string, unknown> {
  const values = neutraliseValues(o.values ?? {});
  return bind(template, {
    ...trustedFields({
      title: t.formTitle,
      intro: t.formIntro,
      howLabel: t.howLabel,
      topicLabel: t.topicLabel,
      customerLabel: t.customerLabel,
      customerHint: t.customerHint,
      errorHow: t.errors.howRequired,
      errorTopic: t.errors.topicRequired,
      save: t.save,
      formId: o.formId ?? randomUUID(),
    }),
    notice: o.notice ? trustedFields({ text: o.notice.text, style: cap(o.notice.style) }) : null,
    howChoices: choiceList(t.how),
    // The topics come from the configuration: shown neutralised, the value is sent back as configured.
    topicChoices: s.config.conversation.contactTopics.map((x) => ({ title: x, value: trusted(x) })),
    // Telefoon is the common case: already chosen.
    values: { how: trusted('telefoon'), ...values },
    errors: trustedFields(o.errors ?? {}),
  });
}

export const contactsFeature = defineFeature(['config', 'contactLogs'], {
  name: 'contacts',
  commands: {
    geholpen: async (turn) => {
      await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(contactForm(turn.s))] });
    },
  },
  verbs: {
    // The help card's "Klant geholpen" button.
    'contact.form': async (turn) => cardResponse(contactForm(turn.s)),
    'contact.create': async (turn, data) => {
      const formId = typeof data.formId === 'string' && data.formId ? data.formId : undefined;
      const outcome = await turn.s.contactLogs.log(turn.tenantId, turn.actor, data, formId);
      if (outcome.status === 'invalid') {
        return cardResponse(
          contactForm(turn.s, {
            values: data,
            errors: outcome.fields,
            notice: { text: nl.common.formHasErrors, style: 'attention' },
            formId,
          }),
        );
      }
      // Saved: a fresh, empty form for the next customer (the typed phone or e-mail is not shown again).
      const text =
        outcome.status === 'saved'
          ? sayText(t.saved, outcome.data.topic, trusted(t.how[outcome.data.how] ?? outcome.data.how))
          : t.savedAlready;
      return cardResponse(contactForm(turn.s, { notice: { text, style: 'good' } }));
    },
  },
});
