// The Teams activity handler: the only place that knows Teams' event shapes. It turns messages
// into commands, Action.Execute invokes into verbs and message-extension calls into feature
// handlers; everything else happens in the application services.
import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type SearchInvokeResponse,
  type SearchInvokeValue,
  type TeamsChannelAccount,
} from 'botbuilder';
import type { Services } from '../app/services';
import { COLLEAGUE_DATASET, searchColleagues } from '../app/colleagueSearch';
import { suggestCommand } from '../domain/commands/suggest';
import { echoOf } from '../domain/validation/mask';
import { nl } from '../texts/nl';
import { helpCard, MAIN_COMMANDS, welcomeCard } from './cards/commandButtons';
import { COMMAND_VERB, isVerb, verbSchemas, type Verb, type VerbData } from './cards/contract';
import { cardResponse, noticeCard } from './cards/common';
import { mdText, sayText, trusted } from './cards/render';
import { featurePorts, type Feature, type ItemCardRenderer } from './feature';
import { makeTurn, type TurnBase } from './turn';
import { renderChannel, renderOwner } from './cards/itemViews';

/** A feature's handler with the feature's ports already given: the bot passes only the turn. */
type Handler<A, R> = (turn: TurnBase, arg: A) => Promise<R>;

/** What the bot itself uses of the services (the rest it only hands on, per feature, as declared). */
export type BotPorts = Pick<Services, 'clock' | 'calendar' | 'items' | 'policy' | 'log' | 'itemViews' | 'users'> & {
  repo: Pick<Services['repo'], 'claimOnce'>;
};

export class TopContactBot extends TeamsActivityHandler {
  private commands = new Map<string, Handler<string, void>>();
  private verbs = new Map<Verb, Handler<VerbData<Verb>, AdaptiveCardInvokeResponse>>();
  private fetchTasks = new Map<string, Handler<MessagingExtensionAction, MessagingExtensionActionResponse>>();
  private submits = new Map<string, Handler<MessagingExtensionAction, MessagingExtensionActionResponse>>();
  private renderers: Partial<Record<string, ItemCardRenderer>> = {};
  private fileConsents = new Map<
    string,
    { accept: Handler<FileConsentCardResponse, void>; decline: Handler<FileConsentCardResponse, void> }
  >();
  private readonly s: BotPorts;

  /** `s`: every service, so the bot can give each feature the ones it declared (and nothing else). */
  constructor(s: Services, features: Feature[]) {
    super();
    this.s = s;
    for (const f of features) {
      // Built once per feature: the only services its handlers can reach.
      const ports = featurePorts(s, f);
      const give = (turn: TurnBase) => ({ ...turn, s: ports });
      for (const [k, h] of Object.entries(f.commands ?? {})) this.commands.set(k.toLowerCase(), (turn, args) => h(give(turn), args));
      for (const [k, h] of Object.entries(f.verbs ?? {})) {
        // A verb outside the card contract would reach its handler unchecked: refuse to start.
        if (!isVerb(k)) throw new Error(`verb ${k} of feature ${f.name} is not in the card contract (teams/cards/contract)`);
        const verb = h as ((turn: ReturnType<typeof give>, data: VerbData<Verb>) => Promise<AdaptiveCardInvokeResponse>) | undefined;
        if (verb) this.verbs.set(k, (turn, data) => verb(give(turn), data));
      }
      for (const [k, h] of Object.entries(f.messageExtension?.fetchTask ?? {})) this.fetchTasks.set(k, (turn, a) => h(give(turn), a));
      for (const [k, h] of Object.entries(f.messageExtension?.submit ?? {})) this.submits.set(k, (turn, a) => h(give(turn), a));
      Object.assign(this.renderers, f.cards ?? {});
      for (const [k, h] of Object.entries(f.fileConsent ?? {}))
        this.fileConsents.set(k, { accept: (turn, r) => h.accept(give(turn), r), decline: (turn, r) => h.decline(give(turn), r) });
    }

    this.onMessage(async (ctx, next) => {
      const turn = this.turn(ctx);
      await this.remember(turn);
      const text = commandText(ctx);
      if (!text) {
        await next();
        return;
      }
      const [word, ...rest] = text.split(/\s+/);
      const two = `${word} ${rest[0] ?? ''}`.trim().toLowerCase();
      const handler = this.commands.get(two) ?? this.commands.get(word.toLowerCase());
      const args = this.commands.has(two) ? rest.slice(1).join(' ') : rest.join(' ');
      if (handler) await handler(turn, args);
      else await ctx.sendActivity(this.unknown(text));
      await next();
    });

    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.welcome(ctx);
      await next();
    });
  }

  private turn(ctx: TurnContext): TurnBase {
    return { ...makeTurn(ctx), hasCommand: (c) => this.commands.has(c) };
  }

  /** A button on the help or welcome card: run the command as if typed; the clicked card stays as it is. */
  private async runCommand(turn: TurnBase, data: VerbData<typeof COMMAND_VERB>): Promise<AdaptiveCardInvokeResponse> {
    const command = data.command?.toLowerCase() ?? '';
    const handler = (MAIN_COMMANDS as readonly string[]).includes(command) ? this.commands.get(command) : undefined;
    const has = (c: string) => this.commands.has(c);
    const card = data.card === 'welcomeTeam' || data.card === 'welcomePersonal' ? welcomeCard(has, data.card) : helpCard(has);
    if (!handler) return cardResponse(card);
    await handler(turn, '');
    return cardResponse(card);
  }

  /** Not a command: a suggestion when one is close; the typed text only masked and cut (never a phone number or e-mail address). */
  private unknown(text: string): string {
    const echo = echoOf(text);
    const suggestion = suggestCommand(text, [...this.commands.keys()]);
    return suggestion ? sayText(nl.common.didYouMean, trusted(suggestion.command), echo) : sayText(nl.common.unknownCommand, echo);
  }

  /** Welcome when the bot itself is added (conversationUpdate). */
  protected override async onTeamsMembersAdded(ctx: TurnContext): Promise<void> {
    const added = (ctx.activity.membersAdded ?? []) as TeamsChannelAccount[];
    if (added.some((m) => m.id === ctx.activity.recipient.id)) await this.welcome(ctx);
  }

  /**
   * Teams announces one installation twice (installationUpdate "add" and a conversationUpdate with
   * the bot in membersAdded), in either order and possibly to two instances at once: welcome once
   * per conversation and day (a unique claim), not once per event.
   */
  private async welcome(ctx: TurnContext): Promise<void> {
    const turn = makeTurn(ctx);
    const now = this.s.clock.now();
    const conversation = (ctx.activity.conversation?.id ?? '').split(';')[0];
    if (turn.tenantId && !(await this.s.repo.claimOnce(turn.tenantId, `welcome:${conversation}:${this.s.calendar.dayOf(now)}`, now)))
      return;
    const which = turn.scope === 'personal' ? 'welcomePersonal' : 'welcomeTeam';
    // The text as before (also for clients that show no card), and the buttons for the main actions.
    await ctx.sendActivity({
      text: nl.common[which],
      attachments: [CardFactory.adaptiveCard(welcomeCard((c) => this.commands.has(c), which))],
    });
  }

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = makeTurn(ctx);
    const verb = value?.action?.verb ?? '';
    const data = { ...((value?.action?.data ?? {}) as Record<string, unknown>) };
    try {
      const handler = isVerb(verb) ? this.verbs.get(verb) : undefined;
      if (verb !== COMMAND_VERB && !handler) return await this.currentCard(turn, data, nl.common.unknownAction);
      // The card contract: data a handler cannot use gets the item's current card with a note, never an error.
      const parsed = verbSchemas[verb as Verb].safeParse(data);
      if (!parsed.success) {
        this.s.log.warn(
          { verb, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) },
          'card action with invalid data',
        );
        return await this.currentCard(turn, data, nl.common.invalidAction);
      }
      await this.remember(turn);
      if (verb === COMMAND_VERB)
        return await this.runCommand({ ...turn, hasCommand: (c) => this.commands.has(c) }, parsed.data as VerbData<typeof COMMAND_VERB>);
      return await handler!(turn, parsed.data);
    } catch (err) {
      this.s.log.error({ err, verb }, 'card action failed');
      return cardResponse(noticeCard(trusted(nl.common.somethingWrong), 'attention'));
    }
  }

  /** Typeahead in a card (Data.Query): the colleagues the bot knows; other datasets get no results. */
  protected override async onSearchInvoke(ctx: TurnContext, value: SearchInvokeValue): Promise<SearchInvokeResponse> {
    const turn = makeTurn(ctx);
    const results =
      value.dataset === COLLEAGUE_DATASET
        ? (await searchColleagues(this.s, turn.tenantId, value.queryText ?? '', value.queryOptions?.skip, value.queryOptions?.top))
            // A colleague's name is user text: neutralised as in a card.
            .map((r) => ({ title: mdText`${r.title}`, value: r.value }))
        : [];
    return { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results } } as SearchInvokeResponse;
  }

  /** A button this bot no longer knows, on an item's card: the item's current card with a note (never an error). */
  private async currentCard(turn: TurnBase, data: Record<string, unknown>, note: string): Promise<AdaptiveCardInvokeResponse> {
    const id = typeof data.id === 'string' ? data.id : '';
    const item = id ? await this.s.items.get(turn.tenantId, id) : null;
    const renderer = item ? this.renderers[item.kind] : undefined;
    if (!item || !renderer) return cardResponse(noticeCard(trusted(note), 'warning'));
    const notice = { text: note, style: 'warning' as const };
    const mayView = this.s.policy.mayViewPrivate(item, turn.actor);
    return cardResponse(mayView ? await renderOwner(renderer, this.s, item, notice) : await renderChannel(renderer, this.s, item, notice));
  }

  protected override async handleTeamsMessagingExtensionFetchTask(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const h = this.fetchTasks.get(action.commandId ?? '');
    if (!h) return { task: { type: 'message', value: nl.common.unknownAction } } as MessagingExtensionActionResponse;
    return h(makeTurn(ctx), action);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const h = this.submits.get(action.commandId ?? '');
    if (!h) return { task: { type: 'message', value: nl.common.unknownAction } } as MessagingExtensionActionResponse;
    return h(makeTurn(ctx), action);
  }

  protected override async handleTeamsFileConsentAccept(ctx: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.fileConsents.get(consentKind(response))?.accept(makeTurn(ctx), response);
  }

  protected override async handleTeamsFileConsentDecline(ctx: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.fileConsents.get(consentKind(response))?.decline(makeTurn(ctx), response);
  }

  /** What this process last wrote per person and scope: a click by someone already known writes nothing. */
  private remembered = new Map<string, string>();

  /** Keeps a record of everyone who talks to the bot: names for pickers, 1:1 references for notices. */
  private async remember(turn: TurnBase): Promise<void> {
    if (!turn.tenantId || !turn.actor.teamsId) return;
    const personal = turn.scope === 'personal';
    const ref = personal ? (TurnContext.getConversationReference(turn.ctx.activity) as Record<string, unknown>) : undefined;
    const key = `${turn.tenantId}|${turn.actor.id}|${personal ? 'p' : 'o'}`;
    const conv = ref ? `${String(ref.serviceUrl)}|${String((ref.conversation as { id?: string } | undefined)?.id)}` : '';
    const signature = `${turn.actor.teamsId}|${turn.actor.name}|${conv}`;
    if (this.remembered.get(key) === signature) return;
    await this.s.users.upsertUser({
      tenantId: turn.tenantId,
      userId: turn.actor.id,
      teamsId: turn.actor.teamsId,
      name: turn.actor.name,
      conversationRef: ref,
    });
    if (this.remembered.size >= 10_000) this.remembered.clear();
    this.remembered.set(key, signature);
  }
}

function consentKind(response: FileConsentCardResponse): string {
  const c = response?.context as { kind?: unknown } | undefined;
  return typeof c?.kind === 'string' ? c.kind : '';
}

/** The message text without @mentions and markup, trimmed. */
export function commandText(ctx: TurnContext): string {
  const a = ctx.activity;
  let text = a.text ?? '';
  try {
    text = TurnContext.removeRecipientMention(a) ?? text;
  } catch {
    // fall through to the regex below
  }
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^<>]+>/g, ' ') // [^<>]: a run of '<' without '>' is scanned once, not once per '<'
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export { CardFactory };
