// Prepared statements per SQLite connection, for the stores that share the repository's
// connection (card clock, customer records): preparing costs more than running a small query, and
// these run on every card update and intake.
import type Database from 'better-sqlite3';

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for `sql` on `db`, prepared once per connection. */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let statements = byConnection.get(db);
  if (!statements) {
    statements = new Map();
    byConnection.set(db, statements);
  }
  let st = statements.get(sql);
  if (!st) {
    if (statements.size >= 500) statements.clear(); // stays bounded should SQL ever be built per call
    st = db.prepare(sql);
    statements.set(sql, st);
  }
  return st;
}
