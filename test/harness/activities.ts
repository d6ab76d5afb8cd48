/**
 * Builders for Teams-shaped inbound activities (what Teams POSTs to the bot's /api/messages).
 *
 * Every builder sets `serviceUrl` to the fake connector's URL: the last one started with
 * startFakeConnector() (it registers itself here), or `serviceUrl` passed explicitly.
 *
 * Shapes follow real Teams traffic, including its quirks:
 * - a channel post's conversation.id is '<channel id>;messageid=<root message id>';
 * - the General channel has no `name` in channelData;
 * - channel messages reach the bot only when it is @mentioned, so mentionBot defaults to true;
 * - a message carries a text/html attachment next to `text`.
 */
import {
  BOT_ID,
  BOT_NAME,
  CHANNEL_ID,
  ROSTER,
  TEST_TENANT,
  type Roster,
  type TestChannel,
  type TestTeam,
  type TestUser,
  baseConversationId,
  findTeamByConversation,
  nextInvokeId,
  nextMessageId,
  personalConversationId,
  threadConversationId,
} from './roster';

export * from './roster';

// ---------------------------------------------------------------------------------------------
// Wire types (JSON as sent over HTTP; deliberately looser than botbuilder's Activity interface).

export interface WireAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

export interface WireConversation {
  id: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  tenantId: string;
  isGroup?: boolean;
  name?: string;
}

export interface WireEntity {
  type: string;
  [key: string]: unknown;
}

export interface WireAttachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

export interface TeamsActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp?: string;
  localTimezone?: string;
  serviceUrl: string;
  channelId: string;
  from: WireAccount;
  recipient: WireAccount;
  conversation: WireConversation;
  text?: string;
  textFormat?: string;
  locale?: string;
  name?: string;
  value?: unknown;
  replyToId?: string;
  attachments?: WireAttachment[];
  entities?: WireEntity[];
  channelData: Record<string, unknown>;
  membersAdded?: WireAccount[];
  membersRemoved?: WireAccount[];
  action?: string;
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// serviceUrl registration

let defaultServiceUrl: string | undefined;

/** Called by startFakeConnector(); tests rarely need it. */
export function setDefaultServiceUrl(url: string | undefined): void {
  defaultServiceUrl = url;
}

export function getDefaultServiceUrl(): string | undefined {
  return defaultServiceUrl;
}

function serviceUrlOf(explicit: string | undefined): string {
  const url = explicit ?? defaultServiceUrl;
  if (!url) {
    throw new Error('No serviceUrl for the activity: start a fake connector first (startFakeConnector) or pass { serviceUrl }.');
  }
  return url;
}

// ---------------------------------------------------------------------------------------------
// Small pieces

export const BOT_ACCOUNT: WireAccount = { id: BOT_ID, name: BOT_NAME };

export function account(u: TestUser): WireAccount {
  return { id: u.id, name: u.name, aadObjectId: u.aadObjectId };
}

/** The '<at>Name</at>' text Teams puts in a message for an @mention. */
export function mentionText(who: TestUser | 'bot'): string {
  return `<at>${who === 'bot' ? BOT_NAME : who.name}</at>`;
}

export function mentionEntity(who: TestUser | 'bot'): WireEntity {
  const mentioned = who === 'bot' ? { ...BOT_ACCOUNT } : { id: who.id, name: who.name };
  return { type: 'mention', text: mentionText(who), mentioned };
}

const CLIENT_INFO: WireEntity = {
  type: 'clientInfo',
  locale: 'nl-NL',
  country: 'NL',
  platform: 'Web',
  timezone: 'Europe/Amsterdam',
};

export function personalConversation(u: TestUser): WireConversation {
  return { id: personalConversationId(u, u.tenantId), conversationType: 'personal', tenantId: u.tenantId };
}

export function channelConversation(channel: TestChannel | string, rootMessageId?: string): WireConversation {
  const channelId = typeof channel === 'string' ? channel : channel.id;
  return {
    id: rootMessageId ? threadConversationId(channelId, rootMessageId) : baseConversationId(channelId),
    conversationType: 'channel',
    isGroup: true,
    tenantId: TEST_TENANT,
  };
}

export function groupChatConversation(chatId: string, name?: string): WireConversation {
  return { id: chatId, conversationType: 'groupChat', isGroup: true, tenantId: TEST_TENANT, ...(name ? { name } : {}) };
}

/** Infer a conversation from an id: 'a:' personal, '@thread.tacv2' channel, other '19:' group chat. */
export function conversationFromId(conversationId: string, tenantId: string = TEST_TENANT): WireConversation {
  if (conversationId.startsWith('a:')) return { id: conversationId, conversationType: 'personal', tenantId };
  if (baseConversationId(conversationId).endsWith('@thread.tacv2') || baseConversationId(conversationId).endsWith('@thread.skype')) {
    return { id: conversationId, conversationType: 'channel', isGroup: true, tenantId };
  }
  return { id: conversationId, conversationType: 'groupChat', isGroup: true, tenantId };
}

function teamChannelData(team: TestTeam, channel: TestChannel, tenantId: string): Record<string, unknown> {
  return {
    teamsChannelId: channel.id,
    teamsTeamId: team.id,
    channel: channel.isGeneral ? { id: channel.id } : { id: channel.id, name: channel.name },
    team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId },
    tenant: { id: tenantId },
  };
}

function defaultChannel(team: TestTeam): TestChannel {
  return team.channels.find((c) => c.isGeneral) ?? team.channels[0]!;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Mentions found in text as '<at>Name</at>' for the bot and for users in the roster. */
function mentionsIn(text: string, roster: Roster, extra: TestUser[]): WireEntity[] {
  const entities: WireEntity[] = [];
  const seen = new Set<string>();
  const re = /<at>(.*?)<\/at>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1]!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === BOT_NAME) {
      entities.push(mentionEntity('bot'));
      continue;
    }
    const u = [...extra, ...roster.users].find((x) => x.name === name);
    if (u) entities.push(mentionEntity(u));
  }
  return entities;
}

/** The text/html attachment Teams adds to a message (mentions become Skype mention spans). */
function htmlAttachment(text: string): WireAttachment {
  let i = 0;
  const parts = text.split(/(<at>.*?<\/at>)/g).map((part) => {
    const m = /^<at>(.*)<\/at>$/.exec(part);
    if (m) return `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="${i++}">${escapeHtml(m[1]!)}</span>`;
    return escapeHtml(part);
  });
  return { contentType: 'text/html', content: `<p>${parts.join('')}</p>` };
}

interface Common {
  serviceUrl?: string;
  /** Activity id; default a fresh Teams-style id. */
  id?: string;
  timestamp?: Date;
  locale?: string;
}

function base(type: string, from: WireAccount, conversation: WireConversation, opts: Common, id: string): TeamsActivity {
  const ts = opts.timestamp ?? new Date();
  return {
    type,
    id,
    timestamp: ts.toISOString(),
    localTimestamp: ts.toISOString(),
    localTimezone: 'Europe/Amsterdam',
    serviceUrl: serviceUrlOf(opts.serviceUrl),
    channelId: CHANNEL_ID,
    from,
    recipient: { ...BOT_ACCOUNT },
    conversation,
    locale: opts.locale ?? 'nl-NL',
    channelData: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface ChannelMessageOptions extends Common {
  text: string;
  from: TestUser;
  team: TestTeam;
  /** Default: the team's General channel. */
  channel?: TestChannel;
  /** Prefix the text with '<at>Top Contact</at> ' and add the mention entity. Default true. */
  mentionBot?: boolean;
  /** Root message id of the thread when this is a reply in a thread. Default: a new post. */
  threadId?: string;
  /** Users to resolve '<at>Name</at>' mentions against, besides the default roster. */
  mentions?: TestUser[];
  attachments?: WireAttachment[];
}

export function channelMessage(opts: ChannelMessageOptions): TeamsActivity {
  const channel = opts.channel ?? defaultChannel(opts.team);
  const id = opts.id ?? nextMessageId();
  const rootId = opts.threadId ?? id;
  const text = opts.mentionBot === false ? opts.text : `${mentionText('bot')} ${opts.text}`;
  const tenantId = opts.from.tenantId;
  const conversation: WireConversation = {
    id: threadConversationId(channel.id, rootId),
    conversationType: 'channel',
    isGroup: true,
    tenantId,
  };
  const a = base('message', account(opts.from), conversation, opts, id);
  a.text = text;
  a.textFormat = 'plain';
  if (opts.threadId) a.replyToId = opts.threadId;
  a.attachments = [htmlAttachment(text), ...(opts.attachments ?? [])];
  a.entities = [...mentionsIn(text, ROSTER, opts.mentions ?? []), { ...CLIENT_INFO }];
  a.channelData = teamChannelData(opts.team, channel, tenantId);
  return a;
}

export interface PersonalMessageOptions extends Common {
  text: string;
  from: TestUser;
  attachments?: WireAttachment[];
  mentions?: TestUser[];
}

export function personalMessage(opts: PersonalMessageOptions): TeamsActivity {
  const a = base('message', account(opts.from), personalConversation(opts.from), opts, opts.id ?? nextMessageId());
  a.text = opts.text;
  a.textFormat = 'plain';
  a.attachments = [htmlAttachment(opts.text), ...(opts.attachments ?? [])];
  a.entities = [...mentionsIn(opts.text, ROSTER, opts.mentions ?? []), { ...CLIENT_INFO }];
  a.channelData = { tenant: { id: opts.from.tenantId } };
  return a;
}

export interface GroupChatMessageOptions extends Common {
  text: string;
  from: TestUser;
  /** '19:…@thread.v2'. */
  chatId?: string;
  mentionBot?: boolean;
  mentions?: TestUser[];
}

export function groupChatMessage(opts: GroupChatMessageOptions): TeamsActivity {
  const chatId = opts.chatId ?? '19:meeting0groupchat0a1b2c3d4e5f@thread.v2';
  const text = opts.mentionBot === false ? opts.text : `${mentionText('bot')} ${opts.text}`;
  const a = base('message', account(opts.from), groupChatConversation(chatId), opts, opts.id ?? nextMessageId());
  a.conversation.tenantId = opts.from.tenantId;
  a.text = text;
  a.textFormat = 'plain';
  a.attachments = [htmlAttachment(text)];
  a.entities = [...mentionsIn(text, ROSTER, opts.mentions ?? []), { ...CLIENT_INFO }];
  a.channelData = { tenant: { id: opts.from.tenantId } };
  return a;
}

// ---------------------------------------------------------------------------------------------
// Install / uninstall

export interface InstallInTeamOptions extends Common {
  team: TestTeam;
  /** Channel picked in the install dialog (channelData.settings.selectedChannel). Default General. */
  channel?: TestChannel;
  /** Who installed the app. Default: the first roster user. */
  from?: TestUser;
}

/** conversationUpdate sent when the app is added to a team (bot in membersAdded). */
export function installInTeam(opts: InstallInTeamOptions): TeamsActivity {
  const channel = opts.channel ?? defaultChannel(opts.team);
  const from = opts.from ?? ROSTER.users[0]!;
  const conversation: WireConversation = {
    id: opts.team.id,
    conversationType: 'channel',
    isGroup: true,
    tenantId: from.tenantId,
  };
  const a = base('conversationUpdate', account(from), conversation, opts, opts.id ?? nextInvokeId());
  a.membersAdded = [{ id: BOT_ID }];
  a.channelData = {
    team: { id: opts.team.id, name: opts.team.name, aadGroupId: opts.team.aadGroupId },
    eventType: 'teamMemberAdded',
    tenant: { id: from.tenantId },
    settings: { selectedChannel: { id: channel.id } },
  };
  return a;
}

/** conversationUpdate sent when the app is removed from a team. */
export function uninstallFromTeam(opts: InstallInTeamOptions): TeamsActivity {
  const a = installInTeam(opts);
  delete a.membersAdded;
  a.membersRemoved = [{ id: BOT_ID }];
  a.channelData = { ...a.channelData, eventType: 'teamMemberRemoved' };
  delete a.channelData['settings'];
  return a;
}

export interface InstallPersonalOptions extends Common {
  from: TestUser;
}

/** conversationUpdate sent when a user adds the app for themselves (personal scope). */
export function installPersonal(opts: InstallPersonalOptions): TeamsActivity {
  const a = base('conversationUpdate', account(opts.from), personalConversation(opts.from), opts, opts.id ?? nextInvokeId());
  a.membersAdded = [{ id: BOT_ID }];
  a.channelData = { tenant: { id: opts.from.tenantId } };
  return a;
}

export interface InstallationUpdateOptions extends Common {
  from: TestUser;
  action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade';
  /** Team install when given, personal otherwise. */
  team?: TestTeam;
}

/** installationUpdate (Teams sends it next to the conversationUpdate). */
export function installationUpdate(opts: InstallationUpdateOptions): TeamsActivity {
  const conversation = opts.team
    ? { id: opts.team.id, conversationType: 'channel' as const, isGroup: true, tenantId: opts.from.tenantId }
    : personalConversation(opts.from);
  const a = base('installationUpdate', account(opts.from), conversation, opts, opts.id ?? nextInvokeId());
  a.action = opts.action;
  a.channelData = opts.team
    ? {
        team: { id: opts.team.id, name: opts.team.name, aadGroupId: opts.team.aadGroupId },
        tenant: { id: opts.from.tenantId },
        source: null,
      }
    : { tenant: { id: opts.from.tenantId }, source: null };
  return a;
}

// ---------------------------------------------------------------------------------------------
// Invokes

interface InvokeContext extends Common {
  from: TestUser;
  /** A conversation, or just its id (type inferred: 'a:' personal, '…@thread.tacv2' channel). */
  conversation: WireConversation | string;
  /** For channel conversations; inferred from the roster when omitted. */
  team?: TestTeam;
  channel?: TestChannel;
}

function invokeBase(name: string, ctx: InvokeContext, value: unknown): TeamsActivity {
  const conversation =
    typeof ctx.conversation === 'string' ? conversationFromId(ctx.conversation, ctx.from.tenantId) : { ...ctx.conversation };
  const a = base('invoke', account(ctx.from), conversation, ctx, ctx.id ?? nextInvokeId());
  a.name = name;
  a.value = value;
  a.entities = [{ ...CLIENT_INFO }];
  let channelData: Record<string, unknown> = { tenant: { id: ctx.from.tenantId } };
  if (conversation.conversationType === 'channel') {
    const found = ctx.team ? undefined : findTeamByConversation(ROSTER, conversation.id);
    const team = ctx.team ?? found?.team;
    const channel = ctx.channel ?? found?.channel ?? (team ? defaultChannel(team) : undefined);
    if (team && channel) channelData = teamChannelData(team, channel, ctx.from.tenantId);
  }
  a.channelData = channelData;
  return a;
}

export interface AdaptiveCardActionOptions extends InvokeContext {
  verb: string;
  data?: Record<string, unknown>;
  /** Id of the message holding the card. */
  replyToId?: string;
  /** 'manual' for a button press, 'automatic' for a refresh. Default 'manual'. */
  trigger?: 'manual' | 'automatic';
  /** Action id (Action.Execute `id`). */
  actionId?: string;
}

/** invoke 'adaptiveCard/action' (Universal Actions, Action.Execute). */
export function adaptiveCardAction(opts: AdaptiveCardActionOptions): TeamsActivity {
  const action: Record<string, unknown> = { type: 'Action.Execute', verb: opts.verb, data: opts.data ?? {} };
  if (opts.actionId) action['id'] = opts.actionId;
  const a = invokeBase('adaptiveCard/action', opts, { action, trigger: opts.trigger ?? 'manual' });
  if (opts.replyToId) a.replyToId = opts.replyToId;
  return a;
}

export interface MessagePayloadOptions {
  /** Id of the message the action was started on. Default a fresh one. */
  id?: string;
  /** Author: a user, or 'bot' for a message the bot sent. */
  from: TestUser | 'bot';
  /** Plain text; becomes HTML body content. */
  text?: string;
  /** Raw HTML body (overrides text). */
  html?: string;
  /** Conversation the message lives in (for linkToMessage). */
  conversationId?: string;
  createdDateTime?: Date;
  replyToId?: string | null;
  attachments?: unknown[];
}

/** messagePayload as Teams puts it in a message-extension action on a message. */
export function messagePayload(opts: MessagePayloadOptions): Record<string, unknown> {
  const id = opts.id ?? nextMessageId();
  const created = (opts.createdDateTime ?? new Date()).toISOString();
  const from =
    opts.from === 'bot'
      ? {
          user: null,
          application: { applicationIdentityType: 'bot', id: BOT_ID.slice(3), displayName: BOT_NAME },
          device: null,
          conversation: null,
        }
      : {
          user: { id: opts.from.aadObjectId, displayName: opts.from.name, userIdentityType: 'aadUser', tenantId: opts.from.tenantId },
          application: null,
          device: null,
          conversation: null,
        };
  const conv = opts.conversationId ?? '19:unknown@thread.tacv2';
  return {
    id,
    replyToId: opts.replyToId ?? null,
    createdDateTime: created,
    lastModifiedDateTime: null,
    deleted: false,
    subject: null,
    summary: null,
    messageType: 'message',
    importance: 'normal',
    locale: 'nl-nl',
    linkToMessage: `https://teams.microsoft.com/l/message/${encodeURIComponent(baseConversationId(conv))}/${id}`,
    from,
    body: { contentType: 'html', content: opts.html ?? `<p>${escapeHtml(opts.text ?? '')}</p>` },
    attachmentLayout: null,
    attachments: opts.attachments ?? [],
    mentions: [],
    reactions: [],
  };
}

export interface MessageExtensionOptions extends InvokeContext {
  commandId: string;
  /** The message the action was started on; omit for a compose-box action. */
  message?: Omit<MessagePayloadOptions, 'conversationId'>;
}

function messageExtensionValue(opts: MessageExtensionOptions): Record<string, unknown> {
  const conversationId = typeof opts.conversation === 'string' ? opts.conversation : opts.conversation.id;
  const value: Record<string, unknown> = {
    commandId: opts.commandId,
    commandContext: opts.message ? 'message' : 'compose',
    context: { theme: 'default' },
  };
  if (opts.message) {
    value['requestContext'] = { type: 'message' };
    value['messagePayload'] = messagePayload({ ...opts.message, conversationId });
  }
  return value;
}

function withSource(a: TeamsActivity, opts: MessageExtensionOptions): TeamsActivity {
  a.channelData = { ...a.channelData, source: { name: opts.message ? 'message' : 'compose' } };
  return a;
}

/** invoke 'composeExtension/fetchTask' (message action opening a dialog). */
export function messageExtensionFetchTask(opts: MessageExtensionOptions): TeamsActivity {
  return withSource(invokeBase('composeExtension/fetchTask', opts, messageExtensionValue(opts)), opts);
}

export interface MessageExtensionSubmitOptions extends MessageExtensionOptions {
  /** What the dialog submitted. */
  data: Record<string, unknown>;
  botMessagePreviewAction?: 'edit' | 'send';
}

/** invoke 'composeExtension/submitAction' (dialog submitted). */
export function messageExtensionSubmit(opts: MessageExtensionSubmitOptions): TeamsActivity {
  const value = { ...messageExtensionValue(opts), data: opts.data } as Record<string, unknown>;
  if (opts.botMessagePreviewAction) value['botMessagePreviewAction'] = opts.botMessagePreviewAction;
  return withSource(invokeBase('composeExtension/submitAction', opts, value), opts);
}

export interface SearchInvokeOptions extends InvokeContext {
  dataset: string;
  queryText: string;
  skip?: number;
  top?: number;
}

/** invoke 'application/search': a typeahead Input.ChoiceSet with Data.Query (Teams omits `kind`). */
export function searchInvoke(opts: SearchInvokeOptions): TeamsActivity {
  return invokeBase('application/search', opts, {
    queryText: opts.queryText,
    queryOptions: { skip: opts.skip ?? 0, top: opts.top ?? 15 },
    dataset: opts.dataset,
  });
}
