/**
 * The tab's translations, loaded as they are needed. The shell's texts (`da.json` / `en.json`:
 * header, menu, errors, the Overblik's cards) and the kit's are part of the initial bundle, in
 * both languages. Each capability's texts (`features/<feature>.<lang>.json`, one top-level key
 * named after the feature) are a chunk of their own per language, loaded in the language shown
 * when a view that needs them opens (`lazyView` in src/ui/shell/views.ts), in parallel with the
 * view's own chunk. Switching language first loads the new language's texts of every feature
 * already loaded, so nothing is shown untranslated.
 *
 * `createI18n` in ./index.ts builds an instance with every text at once, for tests and tools;
 * an instance built that way needs no loading here either (`featuresPending` reads what the
 * instance holds).
 */
import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

import { type Language, languageFromLocale } from "../../domain/language.js";
import da from "./da.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import kitDa from "./features/kit.da.json" with { type: "json" };
import kitEn from "./features/kit.en.json" with { type: "json" };

/** The capabilities whose texts load with their views: the files of `features/` but `kit`. */
export const FEATURES = [
  "agenda",
  "ahp",
  "benefits",
  "doctor",
  "funding",
  "import",
  "initiative",
  "intake",
  "irregularities",
  "meetings",
  "minutes",
  "portfolio",
  "prioritization",
  "reports",
  "resources",
  "rounds",
  "scenarios",
  "settings",
  "status",
  "strategy",
] as const;

export type Feature = (typeof FEATURES)[number];

type Texts = Record<string, unknown>;

/** The texts always there: the shell's and the kit's, in both languages. */
export const shellResources = {
  da: { translation: { ...da, ...kitDa } },
  en: { translation: { ...en, ...kitEn } },
} as const;

/** The i18next options every instance of the tab shares (./index.ts uses them too). */
export function i18nOptions(
  language: Language,
  resources: Record<Language, { translation: Texts }>,
) {
  return {
    resources,
    lng: language,
    fallbackLng: "da",
    supportedLngs: ["da", "en"],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  } as const;
}

/** A ready instance with the shell's texts (synchronous); features load with their views. */
export function createTabI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init(i18nOptions(language, shellResources));
  return instance;
}

/**
 * One feature's texts in one language: a chunk of its own (`i18n-<feature>-<lang>`), made by
 * webpack for every file the template matches.
 */
async function fetchTexts(feature: Feature, language: Language): Promise<Texts> {
  const module = (await import(
    /* webpackChunkName: "i18n-[request]" */
    /* webpackExclude: /kit\.(da|en)\.json$/ */
    `./features/${feature}.${language}.json`,
    { with: { type: "json" } }
  )) as { default: Texts };
  return module.default;
}

const pendingByInstance = new WeakMap<i18n, Map<string, Promise<void>>>();

function languageOf(instance: i18n): Language {
  return languageFromLocale(instance.language);
}

function hasFeature(instance: i18n, language: Language, feature: Feature): boolean {
  return instance.getResource(language, "translation", feature) !== undefined;
}

/**
 * `undefined` when the instance holds the features' texts in `language` (default: the one
 * shown); otherwise a promise that settles when they are in. The same promise for the same
 * request until it settles (React's `use` needs it stable); a failed load is tried again on
 * the next call.
 */
export function featuresPending(
  instance: i18n,
  features: readonly Feature[],
  language: Language = languageOf(instance),
): Promise<void> | undefined {
  const missing = features.filter((f) => !hasFeature(instance, language, f));
  if (missing.length === 0) return undefined;
  let pending = pendingByInstance.get(instance);
  if (!pending) {
    pending = new Map();
    pendingByInstance.set(instance, pending);
  }
  const map = pending;
  const key = `${language}:${[...missing].sort().join(",")}`;
  const known = map.get(key);
  if (known) return known;
  const loading = Promise.all(
    missing.map(async (feature) => {
      const texts = await fetchTexts(feature, language);
      instance.addResourceBundle(language, "translation", texts, true, true);
    }),
  ).then(
    () => {
      map.delete(key);
    },
    (e: unknown) => {
      map.delete(key);
      throw e;
    },
  );
  map.set(key, loading);
  return loading;
}

/** The features whose texts the instance holds in the language it shows. */
export function loadedFeatures(instance: i18n): Feature[] {
  const language = languageOf(instance);
  return FEATURES.filter((f) => hasFeature(instance, language, f));
}

/**
 * Loads `language`'s texts of every feature loaded so far, then switches to it. Should a load
 * fail, it switches all the same (rejecting afterwards): what is missing in English falls back
 * to the Danish texts already there.
 */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  try {
    await featuresPending(instance, loadedFeatures(instance), language);
  } finally {
    await instance.changeLanguage(language);
  }
}
