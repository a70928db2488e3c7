/**
 * Recording an initiative's path to a phase through the repositories, as the secretary does in
 * the app: only recorded changes count, so tests that need an initiative in a later phase record
 * how it got there (with a decision of the committee where a phase needs one).
 */
import type { Ref } from "../../src/domain/common.js";
import type { DecisionId, InitiativeId } from "../../src/domain/ids.js";
import { DECISION_PHASES, pathFromIdea } from "../../src/domain/lifecycle.js";
import type { Phase } from "../../src/domain/vocabulary.js";
import type { Repositories } from "../../src/ports/repositories.js";

export async function recordPath(
  repositories: Repositories,
  initiative: { id: InitiativeId; title: string },
  to: Phase,
): Promise<void> {
  const path = pathFromIdea(to);
  let decision: Ref<DecisionId> | null = null;
  if (path.some((s) => DECISION_PHASES.includes(s.to))) {
    const d = await repositories.decisions.add({
      title: `Beslutning om ${initiative.title}`.slice(0, 255),
      meeting: null,
      agendaItem: null,
      initiative: { id: initiative.id, title: initiative.title },
      text: "Besluttet af styregruppen.",
      carriedTo: [],
      decidedAt: "2026-01-10T10:00:00Z",
    });
    decision = { id: d.id, title: d.title };
  }
  // One at a time: the server's order of creation is the order of the changes.
  for (const step of path) {
    await repositories.phaseChanges.add({
      title: `${step.from} → ${step.to}`,
      initiative: { id: initiative.id, title: initiative.title },
      fromPhase: step.from,
      toPhase: step.to,
      changedAt: "2026-01-15T10:00:00Z",
      decision: DECISION_PHASES.includes(step.to) ? decision : null,
      reason: "Registreret i testen.",
    });
  }
}
