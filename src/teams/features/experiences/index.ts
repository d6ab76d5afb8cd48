// `ervaring` (share an experience with the team, in the work channel) and `ervaringen` (this
// month's, for the team meeting). The use cases are in app/experiences.ts.
import { randomUUID } from 'node:crypto';
import { CardFactory } from 'botbuilder';
import type { Services } from '../../../app/services';
import { formatDay } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { MONTH_NAMES } from '../../../texts/nl/workingTime';
import { cardResponse } from '../../cards/common';
import { cap, choiceList, neutraliseValues } from '../../cards/itemCard';
import { bind, sayText, trusted, trustedFields } from '../../cards/render';
import { defineFeature, type Notice } from '../../feature';
import template from '../../cards/templates/experienceForm.json';

const t = nl.experiences;

export function experienceForm(
  o: { values?: Record<string, unknown>; errors?: Record<string, string>; notice?: Notice; formId?: string } = {},
): Record<string, unknown> {
  return bind(template, {
    ...trustedFields({
      title: t.formTitle,
      intro: t.formIntro,
      kindLabel: t.kindLabel,
      textLabel: t.textLabel,
      lessonLabel: t.lessonLabel,
      errorKind: t.errors.kindRequired,
      errorText: nl.common.fieldRequired,
      share: t.share,
      formId: o.formId ?? randomUUID(),
    }),
    notice: o.notice ? trustedFields({ text: o.notice.text, style: cap(o.notice.style) }) : null,
    kindChoices: choiceList(t.kinds),
    values: neutraliseValues(o.values ?? {}),
    errors: trustedFields(o.errors ?? {}),
  });
}

export async function experiencesText(s: Pick<Services, 'experiences' | 'clock' | 'calendar'>, tenantId: string): Promise<string> {
  const { month, list } = await s.experiences.thisMonth(tenantId);
  const monthName = `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  if (!list.length) return t.listEmpty(monthName);
  const now = s.clock.now();
  const lines = list.map((e) =>
    sayText(
      t.listLine,
      trusted(formatDay(s.calendar, s.calendar.dayOf(e.at), now)),
      e.by.name,
      trusted(t.kinds[e.data.kind] ?? e.data.kind),
      e.data.text,
      e.data.lesson ?? '',
    ),
  );
  return [`**${t.listTitle(monthName)}**`, t.listIntro, '', ...lines].join('\n');
}

export const experiencesFeature = defineFeature(['clock', 'calendar', 'experiences'], {
  name: 'experiences',
  commands: {
    ervaring: async (turn) => {
      await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(experienceForm())] });
    },
    ervaringen: async (turn) => {
      await turn.ctx.sendActivity({ text: await experiencesText(turn.s, turn.tenantId), textFormat: 'markdown' });
    },
  },
  verbs: {
    'experience.create': async (turn, data) => {
      const formId = typeof data.formId === 'string' && data.formId ? data.formId : undefined;
      const outcome = await turn.s.experiences.share(turn.tenantId, turn.actor, data, formId);
      if (outcome.status === 'invalid') {
        return cardResponse(
          experienceForm({ values: data, errors: outcome.fields, notice: { text: nl.common.formHasErrors, style: 'attention' }, formId }),
        );
      }
      if (outcome.status === 'noChannel') {
        return cardResponse(experienceForm({ values: data, notice: { text: nl.common.notBound, style: 'warning' }, formId }));
      }
      return cardResponse(experienceForm({ notice: { text: outcome.status === 'shared' ? t.shared : t.sharedAlready, style: 'good' } }));
    },
  },
});
