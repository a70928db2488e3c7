/**
 * Internationalisation with i18next + react-i18next: Danish by default, English second. The
 * language follows the Teams locale (`languageFromLocale`) and can be switched in the header.
 *
 * The shell's texts are in `da.json` / `en.json`; each capability keeps its own in
 * `features/<capability>.<lang>.json` under one top-level key of its own (e.g. `portfolio`),
 * merged here. Both languages must hold the same keys (tests/unit/ui-i18n-terms.test.ts).
 *
 * This module holds every text at once, for tests and tools. The tab does not import it: it
 * loads each capability's texts with its view (./lazy.ts), so they stay out of its first
 * download.
 */
import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

import type { Language } from "../../host/locale.js";
import da from "./da.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import agendaDa from "./features/agenda.da.json" with { type: "json" };
import agendaEn from "./features/agenda.en.json" with { type: "json" };
import ahpDa from "./features/ahp.da.json" with { type: "json" };
import ahpEn from "./features/ahp.en.json" with { type: "json" };
import benefitsDa from "./features/benefits.da.json" with { type: "json" };
import benefitsEn from "./features/benefits.en.json" with { type: "json" };
import doctorDa from "./features/doctor.da.json" with { type: "json" };
import doctorEn from "./features/doctor.en.json" with { type: "json" };
import fundingDa from "./features/funding.da.json" with { type: "json" };
import fundingEn from "./features/funding.en.json" with { type: "json" };
import importDa from "./features/import.da.json" with { type: "json" };
import importEn from "./features/import.en.json" with { type: "json" };
import initiativeDa from "./features/initiative.da.json" with { type: "json" };
import initiativeEn from "./features/initiative.en.json" with { type: "json" };
import intakeDa from "./features/intake.da.json" with { type: "json" };
import intakeEn from "./features/intake.en.json" with { type: "json" };
import irregularitiesDa from "./features/irregularities.da.json" with { type: "json" };
import irregularitiesEn from "./features/irregularities.en.json" with { type: "json" };
import kitDa from "./features/kit.da.json" with { type: "json" };
import kitEn from "./features/kit.en.json" with { type: "json" };
import meetingsDa from "./features/meetings.da.json" with { type: "json" };
import meetingsEn from "./features/meetings.en.json" with { type: "json" };
import minutesDa from "./features/minutes.da.json" with { type: "json" };
import minutesEn from "./features/minutes.en.json" with { type: "json" };
import portfolioDa from "./features/portfolio.da.json" with { type: "json" };
import portfolioEn from "./features/portfolio.en.json" with { type: "json" };
import prioritizationDa from "./features/prioritization.da.json" with { type: "json" };
import prioritizationEn from "./features/prioritization.en.json" with { type: "json" };
import reportsDa from "./features/reports.da.json" with { type: "json" };
import reportsEn from "./features/reports.en.json" with { type: "json" };
import resourcesDa from "./features/resources.da.json" with { type: "json" };
import resourcesEn from "./features/resources.en.json" with { type: "json" };
import roundsDa from "./features/rounds.da.json" with { type: "json" };
import roundsEn from "./features/rounds.en.json" with { type: "json" };
import scenariosDa from "./features/scenarios.da.json" with { type: "json" };
import scenariosEn from "./features/scenarios.en.json" with { type: "json" };
import settingsDa from "./features/settings.da.json" with { type: "json" };
import settingsEn from "./features/settings.en.json" with { type: "json" };
import statusDa from "./features/status.da.json" with { type: "json" };
import statusEn from "./features/status.en.json" with { type: "json" };
import strategyDa from "./features/strategy.da.json" with { type: "json" };
import strategyEn from "./features/strategy.en.json" with { type: "json" };
import { i18nOptions } from "./lazy.js";

export const translations = {
  da: {
    ...da,
    ...kitDa,
    ...portfolioDa,
    ...intakeDa,
    ...initiativeDa,
    ...statusDa,
    ...reportsDa,
    ...importDa,
    ...benefitsDa,
    ...prioritizationDa,
    ...ahpDa,
    ...roundsDa,
    ...scenariosDa,
    ...resourcesDa,
    ...meetingsDa,
    ...agendaDa,
    ...minutesDa,
    ...irregularitiesDa,
    ...doctorDa,
    ...fundingDa,
    ...settingsDa,
    ...strategyDa,
  },
  en: {
    ...en,
    ...kitEn,
    ...portfolioEn,
    ...intakeEn,
    ...initiativeEn,
    ...statusEn,
    ...reportsEn,
    ...importEn,
    ...benefitsEn,
    ...prioritizationEn,
    ...ahpEn,
    ...roundsEn,
    ...scenariosEn,
    ...resourcesEn,
    ...meetingsEn,
    ...agendaEn,
    ...minutesEn,
    ...irregularitiesEn,
    ...doctorEn,
    ...fundingEn,
    ...settingsEn,
    ...strategyEn,
  },
} as const;

export const resources = {
  da: { translation: translations.da },
  en: { translation: translations.en },
} as const;

/** A ready i18next instance with every text (they are all imported, so it is synchronous). */
export function createI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init(i18nOptions(language, resources));
  return instance;
}
