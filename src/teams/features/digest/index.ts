// The daily digest (dagoverzicht) in Teams: `digest` on demand, its outbox delivery (the scheduled
// job is app/jobs/digest.ts), and `instellingen` for the personal digest.
import { CardFactory } from 'botbuilder';
import { nl } from '../../../texts/nl';
import { normalisePhone } from '../../../domain/validation/phone';
import { cardResponse } from '../../cards/common';
import { defineFeature, type PortsOf } from '../../feature';
import type { Turn } from '../../turn';
import { channelAudience, digestFor, personalAudience } from './card';
import { currentSettings, saveSettings, settingsCard } from './settings';
import { DIGEST_MESSAGE } from '../../../app/jobs/digest';
import { digestDelivery } from './schedule';

const t = nl.digest;

const NEEDS = ['clock', 'calendar', 'config', 'log', 'users', 'bindings', 'openItems', 'problems'] as const;
type Ports = PortsOf<typeof NEEDS>;

/**
 * In the 1:1 chat: your own digest. In a channel of the work channel's team: the team's digest (never
 * with interpreter details). Elsewhere (a group chat, another team) people outside the team may read
 * along, so there the bot only says where the digest is.
 */
async function digestCommand(turn: Turn<Ports>): Promise<void> {
  const now = turn.s.clock.now();
  if (turn.scope !== 'personal') {
    const binding = await turn.s.bindings.getBinding(turn.tenantId);
    const teamId = (turn.ctx.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (!binding) {
      await turn.ctx.sendActivity(nl.common.notBound);
      return;
    }
    if (turn.scope !== 'channel' || teamId !== binding.teamId) {
      await turn.ctx.sendActivity(t.onlyInTeam(binding.channelName));
      return;
    }
  }
  const audience = turn.scope === 'personal' ? personalAudience(turn.actor) : channelAudience;
  const { card } = await digestFor(turn.s, turn.tenantId, audience, now);
  await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

async function settingsCommand(turn: Turn<Ports>): Promise<void> {
  if (turn.scope !== 'personal') {
    await turn.ctx.sendActivity(t.settings.onlyPersonal);
    return;
  }
  const card = settingsCard(turn.s, await currentSettings(turn.s, turn.tenantId, turn.actor));
  await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

export const digestFeature = defineFeature(NEEDS, {
  name: 'digest',
  commands: {
    digest: digestCommand,
    dagoverzicht: digestCommand,
    instellingen: settingsCommand,
  },
  verbs: {
    'settings.save': async (turn, data) => {
      const on = data.personalDigest === true || data.personalDigest === 'true';
      // The direct number (issue 17): empty removes it; anything else must be a phone number. A wrong one saves nothing.
      const rawNumber = typeof data.directNumber === 'string' ? data.directNumber.trim() : '';
      const phone = rawNumber ? normalisePhone(rawNumber) : null;
      if (phone && !phone.ok) {
        const current = await currentSettings(turn.s, turn.tenantId, turn.actor);
        return cardResponse(
          settingsCard(
            turn.s,
            current,
            { text: nl.common.formHasErrors, style: 'attention' },
            { directNumber: rawNumber, error: nl.conversation.settings.directNumberInvalid },
          ),
        );
      }
      const settings = await saveSettings(turn.s, turn.tenantId, turn.actor, {
        personalDigest: on,
        directNumber: phone?.display ?? undefined,
      });
      const text = on ? t.settings.savedOn(turn.s.config.digestTime) : t.settings.savedOff;
      return cardResponse(settingsCard(turn.s, settings, { text, style: 'good' }));
    },
  },
  deliveries: { [DIGEST_MESSAGE]: digestDelivery },
});
