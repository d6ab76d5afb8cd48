// Which pending outbox messages a claim takes: the oldest due heads of their lanes (a lane's
// messages go one at a time, in order). Two ways to find them, the same SQL on SQLite and PostgreSQL:
// - a window: the first OUTBOX_CLAIM_WINDOW pending messages in id order (index outbox_pending),
//   each checked for being its lane's head. Many lanes with short queues (the usual case, and a
//   backlog of calendar syncs with a lane per item): the heads are at the front and the scan stops.
// - a walk over the lanes (a loose index scan on outbox_due: one seek per lane, not per message).
//   One long lane (10,000 card posts after `koppel` bound the channel) fills the window with
//   messages that wait for their head; the walk then still finds the other lanes' heads at a cost
//   set by the number of lanes. Before, every claim read every pending message (quadratic in a backlog).
// The walk is only needed when the window held fewer heads than asked and more messages are pending.

/** Pending messages the window looks at. */
export const OUTBOX_CLAIM_WINDOW = 256;

/**
 * Pending, due and unlocked ($1: now). On the row itself, not only in the window: PostgreSQL
 * re-checks these on the newest row version when another instance changed it meanwhile (SKIP
 * LOCKED, READ COMMITTED), so a message just completed elsewhere is not claimed again.
 */
const DUE = `o.status = 'pending' AND o.next_attempt_at <= $1 AND (o.locked_until IS NULL OR o.locked_until <= $1)`;

/**
 * Ids of due lane heads among the first $2 pending messages, oldest first, at most $3. Whether a
 * message is its lane's head is asked once per message of the window (not per row pair of a join:
 * a planner without statistics, a new table, otherwise asked it 78,000 times for 300 messages).
 * CROSS JOIN keeps SQLite from reading every pending message to join it to the window.
 */
export const CLAIM_WINDOW_IDS = `SELECT o.id FROM (
    SELECT w.id FROM (SELECT id, lane FROM outbox WHERE status = 'pending' ORDER BY id LIMIT $2) w
      WHERE w.id = (SELECT MIN(p.id) FROM outbox p WHERE p.lane = w.lane AND p.status = 'pending')) h
  CROSS JOIN outbox o
  WHERE o.id = h.id AND ${DUE}
  ORDER BY o.id LIMIT $3`;

/**
 * Ids of due lane heads over all lanes, oldest first, at most $2. The heads are found per lane
 * first and joined to their rows by primary key (CROSS JOIN keeps SQLite from scanning the pending
 * messages once per lane).
 */
export const CLAIM_LANE_WALK_IDS = `WITH RECURSIVE lanes(lane) AS (
    SELECT MIN(lane) FROM outbox WHERE status = 'pending'
    UNION ALL
    SELECT (SELECT MIN(p.lane) FROM outbox p WHERE p.status = 'pending' AND p.lane > lanes.lane) FROM lanes WHERE lanes.lane IS NOT NULL),
  heads(id) AS (SELECT (SELECT MIN(h.id) FROM outbox h WHERE h.status = 'pending' AND h.lane = lanes.lane) FROM lanes WHERE lanes.lane IS NOT NULL)
  SELECT o.id FROM heads CROSS JOIN outbox o
  WHERE o.id = heads.id AND ${DUE}
  ORDER BY o.id LIMIT $2`;

/** One row when more than $1 messages are pending (the window did not see them all). */
export const PENDING_BEYOND_WINDOW = `SELECT id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1 OFFSET $1`;
