/**
 * Moving a board card to another phase, always through the `changePhase` use case. The card is a
 * slice: the whole initiative is read first, checked (its valid gates and history:
 * `loadCheckedTransition`), and if its version is not the one the board shows, someone else
 * changed it (a Conflict: the board reloads). A refusal that only lacks a reason or
 * a decision reference asks for them and tries again; any other gate refusal is shown with
 * everything missing.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";

import type { Ref } from "../../domain/common.js";
import { isStoreError, StoreError } from "../../domain/errors.js";
import type { DecisionId } from "../../domain/ids.js";
import type { TransitionFacts } from "../../domain/lifecycle.js";
import type { Initiative } from "../../domain/portfolio.js";
import { type PortfolioRow, splitMissing } from "../../domain/portfolio-view.js";
import type { FieldProblem } from "../../domain/validation.js";
import type { Phase } from "../../domain/vocabulary.js";
import { changePhase, loadCheckedTransition } from "../../use-cases/phase-change.js";
import { useServices } from "../services.js";
import { patchCachedRow, PORTFOLIO_KEY } from "./usePortfolioData.js";

export type MoveCard = PortfolioRow & Pick<Initiative, "phase" | "title">;

export type MoveState =
  | { kind: "idle" }
  | { kind: "working"; card: MoveCard; to: Phase }
  | {
      kind: "ask";
      card: MoveCard;
      to: Phase;
      needsReason: boolean;
      needsDecision: boolean;
      initiative: Initiative;
      facts: TransitionFacts;
    }
  | { kind: "gate"; card: MoveCard; to: Phase; missing: FieldProblem[] }
  | { kind: "refused"; card: MoveCard; to: Phase; message: string }
  | { kind: "conflict"; card: MoveCard }
  | { kind: "error"; card: MoveCard; error: unknown }
  | { kind: "moved"; card: MoveCard; to: Phase };

export function useMove() {
  const { repositories, currentUser, people, clock } = useServices();
  const client = useQueryClient();
  const [state, setState] = useState<MoveState>({ kind: "idle" });

  const attempt = useCallback(
    async (
      card: MoveCard,
      to: Phase,
      initiative: Initiative,
      facts: TransitionFacts,
      reason: string,
      decision: Ref<DecisionId> | null,
      asked: boolean,
    ) => {
      const result = await changePhase(
        { repositories, currentUser, clock },
        { initiative, to, reason, decision, facts },
      );
      if (result.ok) {
        patchCachedRow(client, card.id, {
          phase: result.value.initiative.phase,
          version: result.value.initiative.version,
        });
        void client.invalidateQueries({ queryKey: [PORTFOLIO_KEY, "governance"] });
        setState({ kind: "moved", card, to });
        return;
      }
      const refusal = result.error;
      if (refusal.kind !== "gate") {
        setState({ kind: "refused", card, to, message: refusal.message });
        return;
      }
      const split = splitMissing(refusal.missing);
      if (!asked && split.blocking.length === 0 && (split.needsReason || split.needsDecision)) {
        setState({ kind: "ask", card, to, initiative, facts, ...split });
        return;
      }
      setState({ kind: "gate", card, to, missing: refusal.missing });
    },
    [repositories, currentUser, clock, client],
  );

  const fail = useCallback(
    (card: MoveCard, error: unknown) => {
      if (isStoreError(error, "Conflict")) {
        setState({ kind: "conflict", card });
        // Every cached load may hold the stale version: read the portfolio again.
        void client.resetQueries({ queryKey: [PORTFOLIO_KEY, "initiatives"] });
        void client.invalidateQueries({ queryKey: [PORTFOLIO_KEY, "governance"] });
      } else {
        setState({ kind: "error", card, error });
      }
    },
    [client],
  );

  /** Moves the card to `to` (from a drop, the "Flyt til" menu or Ctrl+arrow). */
  const move = useCallback(
    async (card: MoveCard, to: Phase) => {
      setState({ kind: "working", card, to });
      try {
        const { initiative, facts } = await loadCheckedTransition(
          { repositories, people },
          card.id,
        );
        if (initiative.version !== card.version) {
          throw new StoreError("Conflict", "Tiltaget er ændret af en anden.");
        }
        await attempt(card, to, initiative, facts, "", null, false);
      } catch (error) {
        fail(card, error);
      }
    },
    [repositories, people, attempt, fail],
  );

  /** Continues an asked move with the reason and decision given. */
  const confirm = useCallback(
    async (reason: string, decision: Ref<DecisionId> | null) => {
      if (state.kind !== "ask") return;
      const { card, to, initiative, facts } = state;
      setState({ kind: "working", card, to });
      try {
        await attempt(card, to, initiative, facts, reason, decision, true);
      } catch (error) {
        fail(card, error);
      }
    },
    [state, attempt, fail],
  );

  const close = useCallback(() => setState({ kind: "idle" }), []);

  return { state, move, confirm, close };
}
