// Without Bot Framework authentication (no MicrosoftAppId: local trial, Agents Playground, tests)
// anyone could post an activity naming any serviceUrl, and the bot would send customer cards there.
// So then the bot only talks to service URLs on this machine (loopback), inbound and outbound.

/** True for http(s) URLs whose host is loopback: localhost, 127.0.0.0/8, ::1. */
export function isLocalServiceUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    host = u.hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The error an outbound send gets for a non-local service URL while authentication is off (final: 400). */
export function notLocalError(): Error {
  return Object.assign(new Error('service URL is not local while Bot Framework authentication is off'), {
    statusCode: 400,
    code: 'ServiceUrlNotLocal',
  });
}
