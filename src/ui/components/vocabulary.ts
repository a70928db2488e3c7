/**
 * The committee's vocabulary in the UI language. Phases, sources, governance forms and action
 * states are stored as their Danish choice values (lists-schema); the UI shows each in words,
 * so the English UI says "Needs analysis" where the list holds "Behovsanalyse".
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

import type {
  ActionState,
  Competence,
  FundingState,
  Governance,
  Phase,
  Source,
} from "../../domain/vocabulary.js";

export interface Vocabulary {
  phase: (p: Phase) => string;
  source: (s: Source) => string;
  governance: (g: Governance) => string;
  actionState: (s: ActionState) => string;
  competence: (c: Competence) => string;
  fundingState: (s: FundingState) => string;
}

export function useVocabulary(): Vocabulary {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      phase: (p) => t(`vocab.phases.${p}`),
      source: (s) => t(`vocab.sources.${s}`),
      governance: (g) => t(`vocab.governances.${g}`),
      actionState: (s) => t(`vocab.actionStates.${s}`),
      competence: (c) => t(`vocab.competences.${c}`),
      fundingState: (s) => t(`vocab.fundingStates.${s}`),
    }),
    [t],
  );
}
