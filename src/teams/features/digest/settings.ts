// `instellingen`: the personal settings card (today one setting: the personal daily digest).
// Only in the 1:1 chat: a settings card in a channel would show one person's choice to everyone.
import type { Services, UserSettings } from '../../../app/services';
import type { Person } from '../../../domain/types';
import { nl } from '../../../texts/nl';
import { bind, trustedFields } from '../../cards/render';
import template from '../../cards/templates/settings.json';
import { inputValue } from '../../cards/itemCard';
import type { Notice } from '../../feature';

const t = nl.digest.settings;

export function settingsCard(
  s: Pick<Services, 'config'>,
  settings: UserSettings,
  notice?: Notice,
  form: { directNumber?: string; error?: string } = {},
): Record<string, unknown> {
  return bind(template, {
    ...trustedFields({
      title: t.title,
      personalDigestLabel: t.personalDigest(s.config.digestTime),
      personalDigest: settings.personalDigest === true ? 'true' : 'false',
      personalDigestHint: t.personalDigestHint,
      directNumberLabel: nl.conversation.settings.directNumberLabel,
      directNumberHint: nl.conversation.settings.directNumberHint,
      directNumberError: form.error ?? '',
      save: t.save,
    }),
    notice: notice ? trustedFields({ text: notice.text, style: notice.style.charAt(0).toUpperCase() + notice.style.slice(1) }) : null,
    directNumber: inputValue(form.directNumber ?? settings.directNumber ?? ''),
  });
}

export async function currentSettings(s: Pick<Services, 'users'>, tenantId: string, actor: Person): Promise<UserSettings> {
  return (await s.users.getUser(tenantId, actor.id))?.settings ?? {};
}

/** Stores the choice; keeps the user's other settings. */
export async function saveSettings(
  s: Pick<Services, 'users'>,
  tenantId: string,
  actor: Person,
  patch: UserSettings,
): Promise<UserSettings> {
  const known = await s.users.getUser(tenantId, actor.id);
  const settings = { ...(known?.settings ?? {}), ...patch };
  await s.users.upsertUser({
    tenantId,
    userId: known?.userId ?? actor.id,
    teamsId: known?.teamsId ?? actor.teamsId,
    name: known?.name ?? actor.name,
    settings,
  });
  return settings;
}
