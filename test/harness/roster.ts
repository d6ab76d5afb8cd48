/**
 * Test roster and Teams-shaped identifiers shared by the fake Bot Connector and the activity
 * builders. Everything here is deterministic so that ids seen in one test file match the ids the
 * fake connector hands out (e.g. createConversation for Anna returns personalConversationId(anna)).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Person } from '../../src/domain/types';

/** Tenant of all test users (a GUID, as in real Teams traffic). */
export const TEST_TENANT = '7c3f1e2a-5b4d-4e6f-9a8b-0c1d2e3f4a5b';
/** The bot's Teams id ("28:" + app id in real life). */
export const BOT_ID = '28:top-contact-bot';
export const BOT_NAME = 'Top Contact';
export const CHANNEL_ID = 'msteams';

export interface TestUser {
  /** Teams user MRI, '29:…'. */
  id: string;
  /** Entra ID (AAD) object id, a GUID. */
  aadObjectId: string;
  name: string;
  givenName: string;
  surname: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  /** Teams userRole as returned by the members API. */
  userRole: 'user' | 'guest';
  /** Not a Teams field: what this person is in the test story. */
  jobTitle?: string;
  /** Not a Teams field: aadObjectId of the manager (for Graph fakes). */
  managerAadObjectId?: string;
}

export interface TestChannel {
  /** '19:…@thread.tacv2'. The General channel's id equals the team id. */
  id: string;
  name: string;
  /** Teams omits the General channel's name in channelData and in the channel list. */
  isGeneral?: boolean;
}

export interface TestTeam {
  /** Team id as Teams sends it in channelData.team.id: the General channel's thread id. */
  id: string;
  name: string;
  /** The Microsoft 365 group id (GUID). */
  aadGroupId: string;
  channels: TestChannel[];
  /** '29:' ids of members; undefined = every user of the roster. */
  memberIds?: string[];
}

export interface Roster {
  tenantId: string;
  users: TestUser[];
  teams: TestTeam[];
}

function user(
  slug: string,
  givenName: string,
  surname: string,
  aadObjectId: string,
  email: string,
  extra: Partial<TestUser> = {},
): TestUser {
  return {
    id: `29:1${slug}-${aadObjectId.slice(0, 8)}`,
    aadObjectId,
    name: `${givenName} ${surname}`,
    givenName,
    surname,
    email,
    userPrincipalName: email,
    tenantId: TEST_TENANT,
    userRole: 'user',
    ...extra,
  };
}

const DIRK_AAD = 'd4d4d4d4-0000-4000-8000-00000000000d';

export const dirk = user('DirkBakker', 'Dirk', 'Bakker', DIRK_AAD, 'dirk.bakker@wij.example', {
  jobTitle: 'Teamleider',
});
export const anna = user('AnnaDeVries', 'Anna', 'de Vries', 'a1a1a1a1-0000-4000-8000-00000000000a', 'anna.devries@wij.example', {
  jobTitle: 'Consulent',
  managerAadObjectId: DIRK_AAD,
});
export const bram = user('BramJansen', 'Bram', 'Jansen', 'b2b2b2b2-0000-4000-8000-00000000000b', 'bram.jansen@wij.example', {
  jobTitle: 'Consulent',
  managerAadObjectId: DIRK_AAD,
});
export const carla = user('CarlaSmit', 'Carla', 'Smit', 'c3c3c3c3-0000-4000-8000-00000000000c', 'carla.smit@wij.example', {
  jobTitle: 'Consulent',
  managerAadObjectId: DIRK_AAD,
});

/**
 * Erik Mol: not in the default roster. His mail address is an alias, not his UPN (for tests of
 * Graph's /users/{id | userPrincipalName} lookups); a test that needs him adds him to its roster.
 */
export const erik: TestUser = {
  ...carla,
  id: '29:1Erik',
  aadObjectId: 'e6e6e6e6-0000-4000-8000-00000000000e',
  name: 'Erik Mol',
  givenName: 'Erik',
  surname: 'Mol',
  email: 'erik.mol@wij.example',
  userPrincipalName: 'emol@wij.onmicrosoft.example',
};

/** Team "WIJ Noord": General plus an "Aanmeldingen" channel; all four users are members. */
export const teamNoord: TestTeam = {
  id: '19:Gq0a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2',
  name: 'WIJ Noord',
  aadGroupId: 'e5e5e5e5-0000-4000-8000-0000000000e5',
  channels: [
    { id: '19:Gq0a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2', name: 'General', isGeneral: true },
    { id: '19:Aq9f8e7d6c5b4a39281706f5e4d3c2b1a@thread.tacv2', name: 'Aanmeldingen' },
  ],
};
export const generalChannel = teamNoord.channels[0]!;
export const aanmeldingenChannel = teamNoord.channels[1]!;

/**
 * Anna, Bram, Carla and Dirk as the domain sees them (Person: Entra id, name, Teams id), for pure
 * unit tests; the same people as the Teams-shaped users above, with short ids that read well in a
 * unit test. Over HTTP a user is stored as asPerson(user).
 */
export const staff = {
  anna: { id: 'aad-anna', name: anna.name, teamsId: '29:anna' },
  bram: { id: 'aad-bram', name: bram.name, teamsId: '29:bram' },
  carla: { id: 'aad-carla', name: carla.name, teamsId: '29:carla' },
  dirk: { id: 'aad-dirk', name: dirk.name, teamsId: '29:dirk' },
} as const satisfies Record<string, Person>;

/** A roster user (over HTTP) as the Person the bot stores for them. */
export function asPerson(u: TestUser): Person {
  return { id: u.aadObjectId, name: u.name, teamsId: u.id };
}

/** A fresh copy of the default roster (safe to mutate in a test). */
export function defaultRoster(): Roster {
  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  return {
    tenantId: TEST_TENANT,
    users: [clone(anna), clone(bram), clone(carla), clone(dirk)],
    teams: [clone(teamNoord)],
  };
}

export const ROSTER: Readonly<Roster> = defaultRoster();

/**
 * Personal (1:1) conversation id of a user with the bot: 'a:1…', stable per user + tenant,
 * like Teams. `who` may be a TestUser, a '29:' id or an aadObjectId.
 */
export function personalConversationId(who: TestUser | string, tenantId: string = TEST_TENANT): string {
  const key = typeof who === 'string' ? who : who.aadObjectId;
  const digest = createHash('sha256').update(`${tenantId}|${key}`).digest('base64url').slice(0, 40);
  return `a:1${digest}`;
}

/** Strip the ';messageid=…' suffix Teams adds to channel thread conversation ids. */
export function baseConversationId(conversationId: string): string {
  const i = conversationId.indexOf(';messageid=');
  return i === -1 ? conversationId : conversationId.slice(0, i);
}

/** Conversation id of a channel thread rooted at `rootMessageId` (as Teams sends it). */
export function threadConversationId(channelId: string, rootMessageId: string): string {
  return `${baseConversationId(channelId)};messageid=${rootMessageId}`;
}

let lastMessageId = Date.now();
/** Teams-style message id (epoch milliseconds as a string), unique and increasing in this process. */
export function nextMessageId(): string {
  lastMessageId = Math.max(lastMessageId + 1, Date.now());
  return String(lastMessageId);
}

/** Teams-style id of an invoke activity ('f:…'). */
export function nextInvokeId(): string {
  return `f:${randomUUID()}`;
}

/** Find a user by '29:' id, aadObjectId, email or UPN (case-insensitive for mail addresses). */
export function findUser(roster: Roster, key: string): TestUser | undefined {
  const lower = key.toLowerCase();
  return roster.users.find(
    (u) =>
      u.id === key ||
      u.aadObjectId.toLowerCase() === lower ||
      u.email.toLowerCase() === lower ||
      u.userPrincipalName.toLowerCase() === lower,
  );
}

/** Team whose id or one of whose channel ids equals the (base) conversation id. */
export function findTeamByConversation(roster: Roster, conversationId: string): { team: TestTeam; channel: TestChannel } | undefined {
  const base = baseConversationId(conversationId);
  for (const team of roster.teams) {
    const channel = team.channels.find((c) => c.id === base);
    if (channel) return { team, channel };
    if (team.id === base) return { team, channel: team.channels.find((c) => c.isGeneral) ?? team.channels[0]! };
  }
  return undefined;
}

export function findTeam(roster: Roster, teamId: string): TestTeam | undefined {
  return roster.teams.find((t) => t.id === teamId || t.aadGroupId === teamId);
}

export function teamMembers(roster: Roster, team: TestTeam): TestUser[] {
  if (!team.memberIds) return roster.users.filter((u) => u.tenantId === roster.tenantId);
  return team.memberIds.map((id) => findUser(roster, id)).filter((u): u is TestUser => !!u);
}

/** The JSON a Teams members API returns for a user (TeamsChannelAccount). */
export function toTeamsChannelAccount(u: TestUser): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    aadObjectId: u.aadObjectId,
    email: u.email,
    userPrincipalName: u.userPrincipalName,
    givenName: u.givenName,
    surname: u.surname,
    tenantId: u.tenantId,
    userRole: u.userRole,
  };
}
