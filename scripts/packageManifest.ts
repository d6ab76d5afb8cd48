/**
 * Validates the Teams app manifest and zips the app package for upload.
 *
 *   npm run package
 *
 * Reads teamsAppManifest/manifest.json, fills the `${{NAME}}` placeholders from the
 * environment (and from `.env` in the project root when present), validates the result
 * against the bundled JSON schema of @microsoft/app-manifest (no network) plus a few
 * Teams rules the schema does not enforce, checks the icons, and on success writes
 * build/appPackage/top-contact.zip with manifest.json, color.png and outline.png at its root.
 * On errors it prints one line per problem ("path: message") and exits 1.
 *
 * Placeholders:
 *   BOT_ID      Microsoft App ID of the bot registration; used as bot id and app id.
 *               Taken from BOT_ID, else MicrosoftAppId. Without either, a fixed
 *               development GUID is used and a warning is printed.
 *   BOT_DOMAIN  Optional host name of the bot (e.g. topcontact.example.net) for validDomains.
 *               Unset: the entry is left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';

/** Fixed id for local packages built without MicrosoftAppId (also used by the Playground config). */
export const DEV_BOT_ID = '6c2f3a4e-8d1b-4f7a-9e2c-5b0d7a1c3e91';
export const PACKAGE_FILE_NAME = 'top-contact.zip';

export interface ManifestIssue {
  /** Field in the manifest, e.g. `bots[0].botId`, or `icons.color (color.png)`. */
  path: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  issues: ManifestIssue[];
}

// Limits from the Teams docs that the JSON schema does not (or more loosely) enforce.
const BOT_COMMAND_TITLE_MAX = 32;
const BOT_COMMAND_DESCRIPTION_MAX = 128;
const ICON_SIZES = { color: 192, outline: 32 } as const;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// Environment

/** Minimal `.env` parser: KEY=VALUE lines, `#` comments, optional `export`, optional quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]] = value;
  }
  return out;
}

/** Environment used for the placeholders: process env wins over `.env`. */
export function loadEnv(projectRoot: string, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = path.join(projectRoot, '.env');
  const fromFile = fs.existsSync(file) ? parseDotEnv(fs.readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...env };
}

export interface PlaceholderValues {
  values: Record<string, string | undefined>;
  warnings: string[];
}

export function placeholderValues(env: Record<string, string | undefined>): PlaceholderValues {
  const warnings: string[] = [];
  let botId = (env.BOT_ID || env.MicrosoftAppId || '').trim();
  if (!botId) {
    botId = DEV_BOT_ID;
    warnings.push(
      `MicrosoftAppId (or BOT_ID) is not set: using the development id ${DEV_BOT_ID}. ` +
        'This package is fine for a validation or a look, but it will not reach a real bot.',
    );
  }
  const domain = (env.BOT_DOMAIN || '')
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  return { values: { BOT_ID: botId, BOT_DOMAIN: domain || undefined }, warnings };
}

/** Optional placeholders: an array item that is exactly such a placeholder is dropped when it has no value. */
const OPTIONAL_PLACEHOLDERS = new Set(['BOT_DOMAIN']);

/**
 * Replaces `${{NAME}}` in every string of the manifest. Unknown or empty placeholders are
 * reported as issues (with the field's path), except optional ones standing alone in an array.
 */
export function substitutePlaceholders(
  manifest: Json,
  values: Record<string, string | undefined>,
): { manifest: Json; issues: ManifestIssue[] } {
  const issues: ManifestIssue[] = [];
  const visit = (node: Json, at: (string | number)[]): Json => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined || value === '') {
          issues.push({ path: formatPath(at), message: `placeholder ${whole} has no value (set ${name} in the environment or .env)` });
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) {
      const out: Json[] = [];
      node.forEach((item, i) => {
        if (typeof item === 'string') {
          const alone = /^\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(item);
          if (alone && OPTIONAL_PLACEHOLDERS.has(alone[1]) && !values[alone[1]]) return;
        }
        out.push(visit(item, [...at, i]));
      });
      return out;
    }
    if (node && typeof node === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [k, v] of Object.entries(node)) out[k] = visit(v, [...at, k]);
      return out;
    }
    return node;
  };
  return { manifest: visit(manifest, []), issues };
}

// ---------------------------------------------------------------------------------------------
// Paths

/** `['bots', 0, 'botId']` → `bots[0].botId` */
export function formatPath(parts: (string | number)[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number' || /^\d+$/.test(p)) out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out || '(manifest)';
}

function pointerToParts(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

// ---------------------------------------------------------------------------------------------
// Schema validation

/** Bundled schema file for a `$schema` URL, or undefined when @microsoft/app-manifest does not ship it. */
export function bundledSchemaFile(schemaUrl: string): string | undefined {
  const m =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[0-9]+\.[0-9]+|vDevPreview)\/MicrosoftTeams\.schema\.json$/i.exec(
      schemaUrl,
    );
  if (!m) return undefined;
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(pkgDir, 'build', 'json-schemas', 'teams', m[1], 'MicrosoftTeams.schema.json');
  return fs.existsSync(file) ? file : undefined;
}

/** The bundled 1.x schema versions as ranges, e.g. `v1.0–v1.17, v1.19–v1.30`. */
function bundledVersions(): string {
  const dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
  const minors = fs
    .readdirSync(dir)
    .map((d) => /^v1\.(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < minors.length;) {
    let j = i;
    while (j + 1 < minors.length && minors[j + 1] === minors[j] + 1) j++;
    ranges.push(i === j ? `v1.${minors[i]}` : `v1.${minors[i]}–v1.${minors[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/** Turns one line of AppManifestUtils.validateAgainstSchema output into path + message. */
export function parseSchemaError(line: string): ManifestIssue {
  const m = /^(\S*) (.*?)(?:\. Details: (.*))?$/s.exec(line);
  if (!m) return { path: '(manifest)', message: line };
  const parts = pointerToParts(m[1]);
  let message = m[2].trim();
  let params: Record<string, unknown> = {};
  try {
    params = m[3] ? (JSON.parse(m[3]) as Record<string, unknown>) : {};
  } catch {
    /* keep the raw message */
  }
  if (typeof params.missingProperty === 'string') {
    return { path: formatPath([...parts, params.missingProperty]), message: 'is required but missing' };
  }
  if (typeof params.additionalProperty === 'string') {
    return { path: formatPath([...parts, params.additionalProperty]), message: 'is not allowed here (unknown property)' };
  }
  if (params.allowedValue !== undefined) message += ` ${JSON.stringify(params.allowedValue)}`;
  if (Array.isArray(params.allowedValues)) message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return { path: formatPath(parts), message };
}

async function schemaIssues(manifest: Json): Promise<ManifestIssue[]> {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return [{ path: '(manifest)', message: 'must be a JSON object' }];
  }
  const url = manifest.$schema;
  if (typeof url !== 'string') return [{ path: '$schema', message: 'is required but missing' }];
  const file = bundledSchemaFile(url);
  if (!file) {
    return [
      {
        path: '$schema',
        message: `${url} is not a Teams manifest schema bundled with @microsoft/app-manifest (bundled: ${bundledVersions()})`,
      },
    ];
  }
  const raw = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(raw) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  const errors = await AppManifestUtils.validateAgainstSchema(
    manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
    schema,
  );
  const seen = new Set<string>();
  const out: ManifestIssue[] = [];
  for (const e of errors) {
    const issue = parseSchemaError(e);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules the schema leaves out

function asObject(v: Json | undefined): { [key: string]: Json } | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
function asArray(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : [];
}

function teamsRuleIssues(manifest: Json): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const m = asObject(manifest);
  if (!m) return issues;

  if (typeof m.version === 'string' && !/^\d+\.\d+\.\d+$/.test(m.version)) {
    issues.push({ path: 'version', message: `"${m.version}" is not a version of the form MAJOR.MINOR.PATCH (e.g. 1.0.0)` });
  }
  const schemaVersion = typeof m.$schema === 'string' ? /\/v(\d+\.\d+)\//.exec(m.$schema)?.[1] : undefined;
  if (schemaVersion && typeof m.manifestVersion === 'string' && m.manifestVersion !== schemaVersion) {
    issues.push({ path: 'manifestVersion', message: `"${m.manifestVersion}" does not match the $schema version ${schemaVersion}` });
  }

  const bots = asArray(m.bots);
  const botId = asObject(bots[0])?.botId;
  bots.forEach((bot, b) => {
    asArray(asObject(bot)?.commandLists).forEach((list, l) => {
      const titles = new Set<string>();
      asArray(asObject(list)?.commands).forEach((cmd, c) => {
        const command = asObject(cmd);
        const at = ['bots', b, 'commandLists', l, 'commands', c];
        if (typeof command?.title === 'string') {
          if (command.title.length > BOT_COMMAND_TITLE_MAX) {
            issues.push({
              path: formatPath([...at, 'title']),
              message: `"${command.title}" is ${command.title.length} characters; Teams allows at most ${BOT_COMMAND_TITLE_MAX}`,
            });
          }
          const key = command.title.toLowerCase();
          if (titles.has(key))
            issues.push({ path: formatPath([...at, 'title']), message: `"${command.title}" appears twice in this command list` });
          titles.add(key);
        }
        if (typeof command?.description === 'string' && command.description.length > BOT_COMMAND_DESCRIPTION_MAX) {
          issues.push({
            path: formatPath([...at, 'description']),
            message: `is ${command.description.length} characters; Teams allows at most ${BOT_COMMAND_DESCRIPTION_MAX}`,
          });
        }
      });
    });
  });

  asArray(m.composeExtensions).forEach((ext, e) => {
    const extension = asObject(ext);
    if (typeof botId === 'string' && typeof extension?.botId === 'string' && extension.botId !== botId) {
      issues.push({
        path: formatPath(['composeExtensions', e, 'botId']),
        message: 'differs from bots[0].botId; the message extension is served by the same bot',
      });
    }
    const ids = new Set<string>();
    asArray(extension?.commands).forEach((cmd, c) => {
      const id = asObject(cmd)?.id;
      if (typeof id === 'string') {
        if (ids.has(id)) issues.push({ path: formatPath(['composeExtensions', e, 'commands', c, 'id']), message: `"${id}" is used twice` });
        ids.add(id);
      }
    });
  });

  // Anything still looking like a placeholder was not substituted.
  const walk = (node: Json, at: (string | number)[]): void => {
    if (typeof node === 'string') {
      if (/\$\{\{/.test(node)) issues.push({ path: formatPath(at), message: `contains an unfilled placeholder: ${node}` });
    } else if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...at, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, k]);
  };
  walk(manifest, []);
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Icons

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  hasTransparencyChunk: boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the IHDR of a PNG; undefined when the buffer is not a PNG. */
export function readPngInfo(buf: Buffer): PngInfo | undefined {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(PNG_SIGNATURE) || buf.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  let hasTransparencyChunk = false;
  for (let off = 8; off + 8 <= buf.length;) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'tRNS') hasTransparencyChunk = true;
    if (type === 'IEND') break;
    off += 12 + len;
  }
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24],
    colorType: buf[25],
    interlace: buf[28],
    hasTransparencyChunk,
  };
}

/**
 * For 8-bit RGBA / grey+alpha non-interlaced PNGs: counts visible pixels that are not white.
 * Undefined when the format is not one this small decoder reads.
 */
export function countNonWhiteVisiblePixels(buf: Buffer): number | undefined {
  const info = readPngInfo(buf);
  if (!info || info.bitDepth !== 8 || info.interlace !== 0 || (info.colorType !== 6 && info.colorType !== 4)) return undefined;
  const channels = info.colorType === 6 ? 4 : 2;
  const idat: Buffer[] = [];
  for (let off = 8; off + 8 <= buf.length;) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const data = zlib.inflateSync(Buffer.concat(idat));
  const stride = info.width * channels;
  let prev = Buffer.alloc(stride);
  let bad = 0;
  for (let y = 0; y < info.height; y++) {
    const filter = data[y * (stride + 1)];
    const line = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x] + add) & 0xff;
    }
    for (let x = 0; x < stride; x += channels) {
      const alpha = line[x + channels - 1];
      const light = channels === 4 ? Math.min(line[x], line[x + 1], line[x + 2]) : line[x];
      if (alpha > 0 && light < 0xf0) bad++;
    }
    prev = line;
  }
  return bad;
}

function iconIssues(manifest: Json, iconDir: string): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const icons = asObject(asObject(manifest)?.icons);
  if (!icons) return issues; // the schema already reports a missing icons object
  for (const kind of ['color', 'outline'] as const) {
    const rel = icons[kind];
    if (typeof rel !== 'string') continue;
    const at = `icons.${kind} (${rel})`;
    const file = path.join(iconDir, rel);
    if (!fs.existsSync(file)) {
      issues.push({ path: at, message: `file not found: ${file}` });
      continue;
    }
    const buf = fs.readFileSync(file);
    const info = readPngInfo(buf);
    if (!info) {
      issues.push({ path: at, message: 'is not a PNG file' });
      continue;
    }
    const size = ICON_SIZES[kind];
    if (info.width !== size || info.height !== size) {
      issues.push({ path: at, message: `is ${info.width}×${info.height} pixels; Teams needs ${size}×${size}` });
    }
    if (kind === 'outline') {
      const hasAlpha = info.colorType === 4 || info.colorType === 6 || info.hasTransparencyChunk;
      if (!hasAlpha) {
        issues.push({ path: at, message: 'has no transparency; the outline icon must be white on a transparent background' });
      } else {
        const bad = countNonWhiteVisiblePixels(buf);
        if (bad) issues.push({ path: at, message: `has ${bad} visible pixels that are not white; use white on transparent only` });
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Validates a manifest whose placeholders are already filled: the bundled JSON schema,
 * the Teams rules above, and (when iconDir is given) the icon files.
 */
export async function validateManifest(manifest: unknown, options: { iconDir?: string } = {}): Promise<ValidationResult> {
  const json = manifest as Json;
  const schema = await schemaIssues(json);
  const reported = new Set(schema.map((i) => i.path));
  const issues = [...schema, ...teamsRuleIssues(json).filter((i) => !reported.has(i.path))];
  if (options.iconDir) issues.push(...iconIssues(json, options.iconDir));
  return { ok: issues.length === 0, issues };
}

export function formatIssues(issues: ManifestIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
}

/** Finds the project root (the folder holding teamsAppManifest/manifest.json) upwards from `from`. */
export function findProjectRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'teamsAppManifest', 'manifest.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`teamsAppManifest/manifest.json not found above ${from}`);
    dir = parent;
  }
}

export interface BuildOptions {
  /** Folder with manifest.json and the icons. */
  manifestDir: string;
  /** Zip file to write. */
  outFile: string;
  /** Values for the placeholders' sources (BOT_ID / MicrosoftAppId, BOT_DOMAIN). */
  env: Record<string, string | undefined>;
}

export interface BuildResult extends ValidationResult {
  warnings: string[];
  manifest?: unknown;
  outFile?: string;
}

/** Fills, validates and (when valid) zips the app package. Never exits the process. */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const manifestFile = path.join(options.manifestDir, 'manifest.json');
  let parsed: Json;
  try {
    parsed = JSON.parse(fs.readFileSync(manifestFile, 'utf8').replace(/^\uFEFF/, '')) as Json;
  } catch (err) {
    const issue = { path: '(manifest)', message: `${manifestFile}: ${(err as Error).message}` };
    return { ok: false, issues: [issue], warnings: [] };
  }
  const { values, warnings } = placeholderValues(options.env);
  const filled = substitutePlaceholders(parsed, values);
  const result = await validateManifest(filled.manifest, { iconDir: options.manifestDir });
  // A placeholder without value is reported once, not again as a schema error on the same field.
  const unfilled = new Set(filled.issues.map((i) => i.path));
  const issues = [...filled.issues, ...result.issues.filter((i) => !unfilled.has(i.path))];
  if (issues.length) return { ok: false, issues, warnings, manifest: filled.manifest };

  const icons = asObject(asObject(filled.manifest)?.icons) ?? {};
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(filled.manifest, null, 2) + '\n', 'utf8'));
  for (const kind of ['color', 'outline'] as const) {
    const rel = String(icons[kind]);
    zip.addFile(rel.replace(/\\/g, '/'), fs.readFileSync(path.join(options.manifestDir, rel)));
  }
  fs.mkdirSync(path.dirname(options.outFile), { recursive: true });
  zip.writeZip(options.outFile);
  return { ok: true, issues: [], warnings, manifest: filled.manifest, outFile: options.outFile };
}

async function main(): Promise<number> {
  const root = findProjectRoot(process.cwd());
  const outFile = path.join(root, 'build', 'appPackage', PACKAGE_FILE_NAME);
  const result = await buildAppPackage({ manifestDir: path.join(root, 'teamsAppManifest'), outFile, env: loadEnv(root) });
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  if (!result.ok) {
    console.error(`teamsAppManifest/manifest.json is not valid (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}):`);
    console.error(formatIssues(result.issues));
    return 1;
  }
  // Keep the filled manifest beside the zip for inspection.
  fs.writeFileSync(path.join(path.dirname(outFile), 'manifest.json'), JSON.stringify(result.manifest, null, 2) + '\n');
  console.log(`App package written: ${path.relative(process.cwd(), outFile) || outFile}`);
  console.log('Upload it in Teams: Apps > Manage your apps > Upload an app (see docs/teams-app.md).');
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
