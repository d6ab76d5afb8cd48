// Which pending outbox messages a claim takes: the oldest due heads of their lanes (a lane's
// messages go one at a time, in order). Two ways to find them, built from the same SQL fragments for
// SQLite (two statements in one transaction) and PostgreSQL (one statement):
// - a window: the first OUTBOX_CLAIM_WINDOW pending messages in id order (index outbox_pending),
//   each checked for being its lane's head. Many lanes with short queues (the usual case, and a
//   backlog of calendar syncs with a lane per item): the heads are at the front and the scan stops.
// - a walk over the lanes (a loose index scan on outbox_due: one seek per lane, not per message).
//   One long lane (10,000 card posts after `koppel` bound the channel) fills the window with
//   messages that wait for their head; the walk then still finds the other lanes' heads at a cost
//   set by the number of lanes. Before, every claim read every pending message (quadratic in a backlog).
// The walk is only needed when the window held fewer due heads than asked and more messages are pending.
import { cardsSentWrites } from './cardClockPostgres';

/** Pending messages the window looks at. */
export const OUTBOX_CLAIM_WINDOW = 256;

/**
 * Marks delivered messages done: `at` and `which` are the placeholders or conditions of the caller
 * (completeOutbox on both stores, the PostgreSQL claim's `done` step), one statement for all three.
 */
export const markDone = (at: string, which: string) =>
  `UPDATE outbox SET status = 'done', done_at = ${at}, locked_until = NULL, last_error = NULL WHERE ${which}`;

/** Which rows count as pending, for a table alias ('o.', 'p.', …). */
type Pending = (alias: string) => string;

/** SQLite: completions run before the claim, in the same transaction, so it sees them. */
const pendingRow: Pending = (a) => `${a}status = 'pending'`;

/**
 * PostgreSQL marks the messages delivered since its last claim done in the claim's own statement
 * ($6), which does not see its own update: it leaves them out by id, or their lanes' next
 * messages would wait behind them until the next claim.
 */
const pendingNotDone: Pending = (a) => `${a}status = 'pending' AND ${a}id <> ALL($6::bigint[])`;

/**
 * Pending, due and unlocked ($1: now). On the row itself, not only in the window: PostgreSQL
 * re-checks these on the newest row version when another instance changed it meanwhile (SKIP
 * LOCKED, READ COMMITTED), so a message just completed elsewhere is not claimed again.
 */
const due = (pending: Pending) => `${pending('o.')} AND o.next_attempt_at <= $1 AND (o.locked_until IS NULL OR o.locked_until <= $1)`;

/** The first $2 pending messages (index outbox_pending). */
const window = (pending: Pending) => `win AS (SELECT id, lane FROM outbox WHERE ${pending('')} ORDER BY id LIMIT $2)`;

/**
 * The window's lane heads. Whether a message is its lane's head is asked once per message of the
 * window (not per row pair of a join: a planner without statistics, a new table, otherwise asked
 * it 78,000 times for 300 messages).
 */
const windowHeads = (pending: Pending) =>
  `heads_w AS (SELECT w.id FROM win w WHERE w.id = (SELECT MIN(p.id) FROM outbox p WHERE p.lane = w.lane AND ${pending('p.')}))`;

/** The rows of `heads` that are due, joined by primary key (CROSS JOIN keeps SQLite from reading every pending message). */
const dueOf = (heads: string, pending: Pending) => `SELECT o.id FROM ${heads} h CROSS JOIN outbox o WHERE o.id = h.id AND ${due(pending)}`;

/** Every pending lane, one seek each (a loose index scan), only `when` it holds; and each lane's head. */
const laneHeads = (pending: Pending, when = '') => `lanes(lane) AS (
    SELECT MIN(lane) FROM outbox WHERE ${pending('')}${when}
    UNION ALL
    SELECT (SELECT MIN(p.lane) FROM outbox p WHERE ${pending('p.')} AND p.lane > lanes.lane) FROM lanes WHERE lanes.lane IS NOT NULL),
  heads_l(id) AS (SELECT (SELECT MIN(h.id) FROM outbox h WHERE ${pending('h.')} AND h.lane = lanes.lane) FROM lanes WHERE lanes.lane IS NOT NULL)`;

/** SQLite, step one: ids of due lane heads in the window, oldest first, at most $3. */
export const CLAIM_WINDOW_IDS = `WITH ${window(pendingRow)}, ${windowHeads(pendingRow)} ${dueOf('heads_w', pendingRow)} ORDER BY o.id LIMIT $3`;

/** SQLite, step two (when the window held fewer than asked and more are pending): over all lanes. */
export const CLAIM_LANE_WALK_IDS = `WITH RECURSIVE ${laneHeads(pendingRow)} ${dueOf('heads_l', pendingRow)} ORDER BY o.id LIMIT $3`;

/** One row when more than $2 messages are pending (the window did not see them all). */
export const PENDING_BEYOND_WINDOW = `SELECT id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1 OFFSET $2`;

/**
 * The item a claimed message is about (payload.itemId, same tenant) as one JSON value, read in the
 * claim's snapshot, in which the change that enqueued the message is visible: a card update then
 * needs no read of its own (one round trip fewer per claim). A regular expression, not a JSON cast,
 * so a damaged payload cannot make the claim fail; a wrong or missing match only means no item.
 */
const ITEM_OF_MESSAGE = `(SELECT row_to_json(i) FROM items i
    WHERE i.tenant_id = outbox.tenant_id AND i.id = substring(outbox.payload FROM '"itemId":"([^"]*)"'))`;

/**
 * PostgreSQL, both steps in one statement (a round trip costs the bot more than the walk costs the
 * server): the lanes are walked only when the window was full and held fewer due heads than asked.
 * SKIP LOCKED: rows another instance is claiming right now are left to it; a lane whose head is
 * being claimed elsewhere yields nothing here, because its second message is not the head. The
 * candidates are a MATERIALIZED CTE: as a plain `id IN (subquery)` the planner may rescan the
 * subquery per outer row, which loses the LIMIT (seen on PostgreSQL 15: a limit of 2 claimed 4).
 * The same statement first marks $6 (delivered since the last claim) done at $1: one round trip for
 * both (they are never candidates, see pendingNotDone, so no row is updated twice), and records the
 * cards those messages sent ($7–$10, cardsSentWrites): the card clock needs no round trip of its own.
 * $1 now, $2 window, $3 limit, $4 locked until, $5 worker, $6 delivered ids. Each row comes with its
 * item (ITEM_OF_MESSAGE).
 */
export const CLAIM_POSTGRES = `WITH RECURSIVE
  done AS (${markDone('$1', 'id = ANY($6::bigint[])')}),${cardsSentWrites('$7', '$8', '$9', '$10')},
  ${window(pendingNotDone)}, ${windowHeads(pendingNotDone)},
  due_w AS (${dueOf('heads_w', pendingNotDone)}),
  ${laneHeads(pendingNotDone, ' AND (SELECT count(*) FROM win) = $2 AND (SELECT count(*) FROM due_w) < $3')},
  candidates AS MATERIALIZED (
    SELECT o.id FROM outbox o WHERE o.id IN (SELECT id FROM due_w UNION SELECT id FROM heads_l) AND ${due(pendingNotDone)}
    ORDER BY o.id LIMIT $3 FOR UPDATE OF o SKIP LOCKED)
  UPDATE outbox SET locked_until = $4, locked_by = $5, attempts = attempts + 1
    FROM candidates WHERE outbox.id = candidates.id
  RETURNING outbox.*, ${ITEM_OF_MESSAGE} AS item`;
