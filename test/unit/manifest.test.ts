import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';
import { expect } from 'chai';
import {
  DEV_BOT_ID,
  buildAppPackage,
  countNonWhiteVisiblePixels,
  findProjectRoot,
  formatIssues,
  parseDotEnv,
  readPngInfo,
  substitutePlaceholders,
  validateManifest,
  type ManifestIssue,
} from '../../scripts/packageManifest';

const root = findProjectRoot(__dirname);
const manifestDir = path.join(root, 'teamsAppManifest');
const source = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
const BOT_ID = '0f3c9a52-7b1e-4d8a-9c6f-2e5b8d4a1c70';

function filled(): any {
  return substitutePlaceholders(source, { BOT_ID, BOT_DOMAIN: 'topcontact.example.net' }).manifest;
}

function issueAt(issues: ManifestIssue[], field: string): ManifestIssue | undefined {
  return issues.find((i) => i.path === field);
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tc-manifest-'));
}

/** A minimal 8-bit RGBA PNG of the given size and single colour. */
function png(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgba)))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('Teams app manifest', () => {
  it('the real manifest, with its placeholders filled, validates (schema, Teams rules, icons)', async () => {
    const result = await validateManifest(filled(), { iconDir: manifestDir });
    expect(result.issues, formatIssues(result.issues)).to.deep.equal([]);
    expect(result.ok).to.equal(true);
  });

  it('is on a current, bundled schema and has the agreed shape', () => {
    const m = filled();
    expect(Number(m.manifestVersion.split('.')[1])).to.be.at.least(19);
    expect(m.$schema).to.contain(`/v${m.manifestVersion}/`);
    expect(m.name.short.length).to.be.at.most(30);
    expect(m.id).to.equal(BOT_ID);
    expect(m.bots[0].botId).to.equal(BOT_ID);
    expect(m.bots[0].scopes).to.have.members(['personal', 'team', 'groupChat']);
    const titles = (scope: string) =>
      m.bots[0].commandLists.filter((l: any) => l.scopes.includes(scope)).flatMap((l: any) => l.commands.map((c: any) => c.title));
    // The decided lists (docs/teams-app.md says why): at most 12 per scope, the same order everywhere.
    const main = ['hulp', 'terugbellen', 'afspraak', 'geholpen'];
    expect(titles('personal')).to.deep.equal([
      ...main,
      'klant',
      'tolk',
      'twijfel',
      'afwegingen',
      'mijn',
      'overzicht',
      'ervaring',
      'instellingen',
    ]);
    expect(titles('team')).to.deep.equal([
      ...main,
      'twijfel',
      'afwegingen',
      'mijn',
      'overzicht',
      'dagoverzicht',
      'ervaring',
      'ervaringen',
      'koppel',
    ]);
    expect(titles('groupChat')).to.deep.equal([
      ...main,
      'twijfel',
      'afwegingen',
      'mijn',
      'overzicht',
      'dagoverzicht',
      'ervaring',
      'ervaringen',
      'instellingen',
    ]);
    for (const scope of ['personal', 'team', 'groupChat']) expect(titles(scope)).to.have.length.at.most(12);
    // Descriptions follow the glossary (src/texts/nl/glossary.ts): no anglicisms.
    for (const list of m.bots[0].commandLists) {
      for (const c of list.commands) expect(c.description, c.title).to.not.match(/\b(deadline|checken|items?|commando's)\b/i);
    }
    const cmd = m.composeExtensions[0].commands[0];
    expect(cmd).to.include({ id: 'terugbelverzoekMaken', type: 'action', title: 'Terugbelverzoek maken', fetchTask: true });
    expect(cmd.context).to.deep.equal(['message']);
    expect(m.composeExtensions[0].botId).to.equal(BOT_ID);
    expect(m.validDomains).to.deep.equal(['topcontact.example.net']);
  });

  it('reports a missing bots[0].botId by its field', async () => {
    const m = filled();
    delete m.bots[0].botId;
    const { ok, issues } = await validateManifest(m);
    expect(ok).to.equal(false);
    expect(issueAt(issues, 'bots[0].botId')?.message).to.match(/required/);
    expect(formatIssues(issues)).to.contain('bots[0].botId: is required but missing');
  });

  it('reports a manifestVersion that does not fit the schema', async () => {
    const m = filled();
    m.manifestVersion = '1.18';
    const { issues } = await validateManifest(m);
    expect(issueAt(issues, 'manifestVersion')?.message).to.match(/1\.25|\$schema/);
  });

  it('reports a $schema that is not bundled (v1.18) without going to the network', async () => {
    const m = filled();
    m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json';
    m.manifestVersion = '1.18';
    const { issues } = await validateManifest(m);
    expect(issueAt(issues, '$schema')?.message).to.match(/not a Teams manifest schema bundled/);
  });

  it('reports an app version that is not MAJOR.MINOR.PATCH', async () => {
    const m = filled();
    m.version = '1.0';
    const { issues } = await validateManifest(m);
    expect(issueAt(issues, 'version')?.message).to.match(/MAJOR\.MINOR\.PATCH/);
  });

  it('reports command titles that are too long (schema and Teams limit)', async () => {
    const m = filled();
    m.composeExtensions[0].commands[0].title = 'Terugbelverzoek maken voor een collega';
    m.bots[0].commandLists[0].commands[1].title = 'terugbellen-voor-een-collega-vandaag';
    const { issues } = await validateManifest(m);
    expect(issueAt(issues, 'composeExtensions[0].commands[0].title')?.message).to.match(/32 characters/);
    expect(issueAt(issues, 'bots[0].commandLists[0].commands[1].title')?.message).to.match(/36 characters.*at most 32/);
  });

  it('reports a short name over 30 characters and unknown properties', async () => {
    const m = filled();
    m.name.short = 'Top Contact van Woonservice IJsselland';
    m.botName = 'x';
    const { issues } = await validateManifest(m);
    expect(issueAt(issues, 'name.short')?.message).to.match(/30 characters/);
    expect(issueAt(issues, 'botName')?.message).to.match(/not allowed/);
  });

  it('checks the icons: sizes and a white-on-transparent outline', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'color.png'), png(96, 96, [11, 110, 140, 255]));
    fs.writeFileSync(path.join(dir, 'outline.png'), png(32, 32, [11, 110, 140, 255]));
    const { issues } = await validateManifest(filled(), { iconDir: dir });
    expect(issueAt(issues, 'icons.color (color.png)')?.message).to.match(/96×96.*192×192/);
    expect(issueAt(issues, 'icons.outline (outline.png)')?.message).to.match(/not white/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the committed icons are 192×192 and 32×32, the outline white on transparent', () => {
    const color = readPngInfo(fs.readFileSync(path.join(manifestDir, 'color.png')));
    const outline = fs.readFileSync(path.join(manifestDir, 'outline.png'));
    expect(color).to.include({ width: 192, height: 192 });
    expect(readPngInfo(outline)).to.include({ width: 32, height: 32, colorType: 6 });
    expect(countNonWhiteVisiblePixels(outline)).to.equal(0);
  });

  it('parses .env files simply', () => {
    const env = parseDotEnv('# c\nMicrosoftAppId=abc\nexport BOT_DOMAIN="x.example.net"\nEMPTY=\nX=1 # note\n');
    expect(env).to.deep.equal({ MicrosoftAppId: 'abc', BOT_DOMAIN: 'x.example.net', EMPTY: '', X: '1' });
  });

  it('builds a zip with manifest.json, color.png and outline.png at its root', async () => {
    const dir = tmpDir();
    const outFile = path.join(dir, 'appPackage', 'top-contact.zip');
    const result = await buildAppPackage({ manifestDir, outFile, env: { MicrosoftAppId: BOT_ID } });
    expect(result.issues, formatIssues(result.issues)).to.deep.equal([]);
    expect(result.warnings).to.deep.equal([]);
    const zip = new AdmZip(outFile);
    expect(zip.getEntries().map((e) => e.entryName)).to.have.members(['manifest.json', 'color.png', 'outline.png']);
    const inZip = JSON.parse(zip.readAsText('manifest.json'));
    expect(inZip.id).to.equal(BOT_ID);
    expect(inZip.bots[0].botId).to.equal(BOT_ID);
    expect(inZip.validDomains).to.deep.equal([]);
    expect(JSON.stringify(inZip)).not.to.contain('${{');
    expect(zip.readFile('color.png')?.equals(fs.readFileSync(path.join(manifestDir, 'color.png')))).to.equal(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without MicrosoftAppId uses the fixed development id and warns', async () => {
    const dir = tmpDir();
    const result = await buildAppPackage({ manifestDir, outFile: path.join(dir, 'p.zip'), env: {} });
    expect(result.ok).to.equal(true);
    expect(result.warnings.join(' ')).to.match(/MicrosoftAppId/);
    expect((result.manifest as any).bots[0].botId).to.equal(DEV_BOT_ID);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to zip an invalid manifest and names the field', async () => {
    const dir = tmpDir();
    fs.copyFileSync(path.join(manifestDir, 'color.png'), path.join(dir, 'color.png'));
    fs.copyFileSync(path.join(manifestDir, 'outline.png'), path.join(dir, 'outline.png'));
    const broken = JSON.parse(JSON.stringify(source));
    delete broken.bots[0].botId;
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(broken));
    const outFile = path.join(dir, 'out.zip');
    const result = await buildAppPackage({ manifestDir: dir, outFile, env: { MicrosoftAppId: BOT_ID } });
    expect(result.ok).to.equal(false);
    expect(formatIssues(result.issues)).to.contain('bots[0].botId');
    expect(fs.existsSync(outFile)).to.equal(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a placeholder without value by its field', () => {
    const { issues } = substitutePlaceholders({ id: '${{BOT_ID}}', name: { short: '${{NAME}}' } }, { BOT_ID });
    expect(issues).to.have.length(1);
    expect(issues[0].path).to.equal('name.short');
    expect(issues[0].message).to.contain('NAME');
  });
});
