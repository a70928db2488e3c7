/**
 * The demo's Strategi and Indstillinger additions: the larger-project threshold for the
 * Chefforum orientation, import synonyms for the managed vocabularies (the words KL-style files
 * use for the charter's kinds of source), and an economic barrier. Found by key or title before
 * anything is written, like every other part of the seed, so a resumed run writes nothing twice.
 */
import type { Person } from "../domain/common.js";
import { encodeSynonyms } from "../domain/settings.js";
import {
  type Barrier,
  type BarrierDraft,
  type Setting,
  SETTING_KEYS,
  type SettingDraft,
} from "../domain/strategy.js";
import type { Repositories } from "../ports/repositories.js";
import type { EnsureSpec } from "./reconcile.js";

export interface StrategySeedContext {
  /** The secretary's repositories (the Settings list is theirs to write). */
  secretary: Repositories;
  person: (who: "chair" | "secretary") => Person;
  ensure: <T, D>(spec: EnsureSpec<T, D>) => Promise<T[]>;
}

const SETTINGS: SettingDraft[] = [
  {
    title: "Tærskel for større projekter (Chefforum orienteres)",
    key: SETTING_KEYS.largerProjectThreshold,
    value: "2000000",
    description: "Tiltag med en samlet udgift på mindst dette beløb (kr.) orienteres Chefforum om.",
  },
  {
    title: "Synonymer for kilder (import)",
    key: SETTING_KEYS.sourceSynonyms,
    value: encodeSynonyms({
      "Fagområdets behov": ["Internt behov", "Fagligt behov"],
      "Borgernes forventninger": ["Borgerforventning", "Borgerønske"],
      "Modnet teknologi": ["Teknologi", "Ny teknologi"],
      "Nye lovkrav": ["Lovkrav", "Lovgivning"],
      "KL/KOMBIT": ["KL", "KOMBIT"],
    }),
    description: "Ord i importfiler, der betyder en af de kendte kilder.",
  },
  {
    title: "Synonymer for kompetencer (import)",
    key: SETTING_KEYS.competenceSynonyms,
    value: encodeSynonyms({
      Projektledelse: ["PL", "Projektleder"],
      "Jura og GDPR": ["Jura", "GDPR", "Databeskyttelse"],
      "Integration og data": ["Integration", "Data"],
    }),
    description: "Ord i importfiler, der betyder en af de kendte kompetencer.",
  },
];

/** Writes what is missing of the strategy and settings additions. */
export async function writeStrategyExtras(ctx: StrategySeedContext): Promise<void> {
  const sec = ctx.secretary;
  await Promise.all([
    ctx.ensure<Setting, SettingDraft>({
      list: "Settings",
      what: "Indstilling",
      read: () => sec.settings.list(),
      keyOf: (s) => s.key,
      drafts: SETTINGS,
      draftKey: (d) => d.key,
      write: (m) => sec.settings.addMany(m),
    }),
    ctx.ensure<Barrier, BarrierDraft>({
      list: "Barriers",
      what: "Barriere",
      read: () => sec.barriers.list(),
      keyOf: (b) => b.title,
      drafts: [
        {
          title: "Ingen finansiering af drift efter projektperioden",
          kind: "Økonomi",
          description: "Driftsudgifterne efter projektet er ikke lagt ind i budgettet.",
          owner: ctx.person("chair"),
          state: "Identificeret",
          blocks: [],
        },
      ],
      draftKey: (d) => d.title,
      write: (m) => sec.barriers.addMany(m),
    }),
  ]);
}
