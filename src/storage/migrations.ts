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
];
