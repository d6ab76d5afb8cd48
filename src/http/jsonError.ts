// Every HTTP error of this server has one JSON shape: {error: {code, message, …}}.
import type restify from 'restify';

export function jsonError(res: restify.Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status);
  res.json({ error: { code, message, ...extra } });
}
