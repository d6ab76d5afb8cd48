// History actions of the safety pause (a leaf module: the item kinds import it without a cycle).
/** On private views only: the channel learns nothing about a customer's safety. */
export const PAUSE_HISTORY_ACTIONS: ReadonlySet<string> = new Set(['customerPaused', 'customerPauseLifted', 'heldReleased']);
