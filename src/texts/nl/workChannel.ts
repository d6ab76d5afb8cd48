// Moving the team's work channel (koppel in another channel). Names are neutralised by the caller.

export const workChannel = {
  moveRefused: (current: string, boundBy: string) =>
    `Het werkkanaal is "${current}". Alleen ${boundBy} (die het heeft gekoppeld) of een leidinggevende kan het verplaatsen. Er is niets veranderd.`,
  movedAwayNotice: (to: string, team: string, by: string) =>
    `${by} heeft het werkkanaal verplaatst naar "${to}" (team ${team}). Nieuwe verzoeken en het dagoverzicht komen daar, niet meer hier.`,
  movedToManagers: (by: string, from: string, to: string, team: string) =>
    `Let op: ${by} heeft het werkkanaal van Top Contact verplaatst van "${from}" naar "${to}" (team ${team}). Klopt dat niet? Typ dan **@Top Contact koppel** in het goede kanaal.`,
} as const;
