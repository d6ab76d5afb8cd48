// Versioned schema migrations, applied at start. Times are epoch milliseconds (BIGINT) and
// JSON is text in both databases, so one set of queries serves SQLite and PostgreSQL alike.

export interface Migration {
  version: number;
  name: string;
  /** Statements; `{{SERIAL}}` becomes the auto-increment key type of the dialect. */
  statements: string[];
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `CREATE TABLE items (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        subject TEXT NOT NULL,
        owner_id TEXT,
        owner_json TEXT,
        created_by_json TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        deadline BIGINT,
        closed_at BIGINT,
        source TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        card_conversation_id TEXT,
        card_activity_id TEXT,
        PRIMARY KEY (tenant_id, id)
      )`,
      `CREATE INDEX items_open ON items (tenant_id, closed_at, deadline)`,
      `CREATE INDEX items_owner ON items (tenant_id, owner_id)`,
      `CREATE TABLE history (
        seq {{SERIAL}},
        tenant_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        actor_json TEXT NOT NULL,
        action TEXT NOT NULL,
        note TEXT,
        details TEXT
      )`,
      `CREATE INDEX history_item ON history (tenant_id, item_id, seq)`,
      `CREATE TABLE counters (
        tenant_id TEXT NOT NULL,
        name TEXT NOT NULL,
        value BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, name)
      )`,
      `CREATE TABLE channel_bindings (
        tenant_id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        team_name TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        channel_name TEXT NOT NULL,
        conversation_ref TEXT NOT NULL,
        bound_by_json TEXT NOT NULL,
        bound_at BIGINT NOT NULL
      )`,
      `CREATE TABLE users (
        tenant_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        teams_id TEXT,
        name TEXT NOT NULL,
        conversation_ref TEXT,
        settings TEXT NOT NULL,
        PRIMARY KEY (tenant_id, user_id)
      )`,
      `CREATE TABLE outbox (
        id {{SERIAL}},
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        lane TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at BIGINT NOT NULL,
        locked_until BIGINT,
        locked_by TEXT,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        done_at BIGINT
      )`,
      `CREATE INDEX outbox_due ON outbox (status, lane, id)`,
      `CREATE TABLE once_claims (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`,
      `CREATE TABLE idempotency (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        item_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`,
    ],
  },
  {
    version: 2,
    name: 'delivery problems (blocked or removed conversations)',
    statements: [
      `CREATE TABLE delivery_problems (
        tenant_id TEXT NOT NULL,
        target TEXT NOT NULL,
        code TEXT NOT NULL,
        detail TEXT NOT NULL,
        first_at BIGINT NOT NULL,
        last_at BIGINT NOT NULL,
        failures INTEGER NOT NULL,
        resolved_at BIGINT,
        PRIMARY KEY (tenant_id, target)
      )`,
      `CREATE INDEX outbox_done ON outbox (status, done_at)`,
      `CREATE INDEX idempotency_age ON idempotency (created_at)`,
      `CREATE INDEX items_closed ON items (tenant_id, closed_at)`,
    ],
  },
  {
    version: 4,
    name: 'customer records, their lookups; klantbeeld worded for the customer',
    statements: [
      // One row per customer; contact points, names, klantbeeld, item links and the pause are JSON in data.
      `CREATE TABLE customers (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        paused INTEGER NOT NULL,
        version INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`,
      // A contact point (E.164 number or lower-case e-mail) belongs to one record: the unique key settles two creates at once.
      `CREATE TABLE customer_keys (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, key)
      )`,
      `CREATE INDEX customer_keys_customer ON customer_keys (tenant_id, customer_id)`,
      `CREATE TABLE customer_lookups (
        seq {{SERIAL}},
        tenant_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        by_json TEXT NOT NULL
      )`,
      `CREATE INDEX customer_lookups_customer ON customer_lookups (tenant_id, customer_id, seq)`,
      // The klantbeeld's first labels described the customer ("Afhankelijk"); the stored values now say what
      // the customer needs (texts/nl/customers.ts). JSON.stringify writes no spaces, so the exact text matches.
      `UPDATE items SET data = REPLACE(data, '"ageGroup":"starter"', '"ageGroup":"jonger-dan-23"') WHERE data LIKE '%"ageGroup":"starter"%'`,
      `UPDATE items SET data = REPLACE(data, '"ageGroup":"middelbaar"', '"ageGroup":"23-tot-55"') WHERE data LIKE '%"ageGroup":"middelbaar"%'`,
      `UPDATE items SET data = REPLACE(data, '"ageGroup":"senior"', '"ageGroup":"55-of-ouder"') WHERE data LIKE '%"ageGroup":"senior"%'`,
      `UPDATE items SET data = REPLACE(data, '"digital":"digitaal"', '"digital":"regelt-digitaal"') WHERE data LIKE '%"digital":"digitaal"%'`,
      `UPDATE items SET data = REPLACE(data, '"digital":"nietDigitaal"', '"digital":"liever-persoonlijk"') WHERE data LIKE '%"digital":"nietDigitaal"%'`,
      `UPDATE items SET data = REPLACE(data, '"attitude":"actief"', '"attitude":"denkt-mee"') WHERE data LIKE '%"attitude":"actief"%'`,
      `UPDATE items SET data = REPLACE(data, '"attitude":"afnemer"', '"attitude":"wil-duidelijkheid"') WHERE data LIKE '%"attitude":"afnemer"%'`,
      `UPDATE items SET data = REPLACE(data, '"attitude":"afhankelijk"', '"attitude":"hulp-bij-regelen"') WHERE data LIKE '%"attitude":"afhankelijk"%'`,
      `UPDATE items SET data = REPLACE(data, '"preferredChannel":"persoonlijk"', '"preferredChannel":"balie"') WHERE data LIKE '%"preferredChannel":"persoonlijk"%'`,
    ],
  },
  {
    version: 6,
    name: 'cards follow the clock: next change and hash of the card last sent; send slots per channel',
    statements: [
      `CREATE TABLE card_clock (
        tenant_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        next_change_at BIGINT NOT NULL,
        card_hash TEXT NOT NULL,
        PRIMARY KEY (tenant_id, item_id)
      )`,
      `CREATE INDEX card_clock_due ON card_clock (next_change_at)`,
      `CREATE TABLE card_pace (
        lane TEXT PRIMARY KEY,
        next_slot BIGINT NOT NULL
      )`,
      // Open cards posted before this version: due at once, so each is brought up to date one time.
      `INSERT INTO card_clock (tenant_id, item_id, next_change_at, card_hash)
        SELECT tenant_id, id, 0, '' FROM items WHERE closed_at IS NULL AND card_activity_id IS NOT NULL`,
    ],
  },
  {
    version: 5,
    name: 'records: contact logs (geholpen) and experiences (ervaring)',
    statements: [
      `CREATE TABLE records (
        tenant_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        at BIGINT NOT NULL,
        by_json TEXT NOT NULL,
        customer_key TEXT,
        data TEXT NOT NULL,
        form_key TEXT,
        PRIMARY KEY (tenant_id, kind, id)
      )`,
      `CREATE UNIQUE INDEX records_form_key ON records (tenant_id, form_key)`,
      `CREATE INDEX records_at ON records (tenant_id, kind, at)`,
      `CREATE INDEX records_customer ON records (tenant_id, customer_key)`,
    ],
  },
  {
    version: 8,
    name: 'open items paged by id (scheduled jobs read a page at a time)',
    statements: [`CREATE INDEX items_open_id ON items (tenant_id, closed_at, id)`],
  },
  {
    version: 9,
    name: 'outbox: pending messages in id order (a claim reads a window of them, storage/outboxClaim.ts)',
    statements: [`CREATE INDEX outbox_pending ON outbox (status, id)`],
  },
  {
    version: 7,
    name: 'records: contact logs linked to the customer record (KL-12); older logs keep matching by key',
    statements: [`ALTER TABLE records ADD COLUMN customer_id TEXT`, `CREATE INDEX records_customer_id ON records (tenant_id, customer_id)`],
  },
].sort((a, b) => a.version - b.version); // branches add versions out of order: apply ascending
