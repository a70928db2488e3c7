/**
 * Internationalisation with i18next + react-i18next: Danish by default, English second. The
 * language follows the Teams locale (`languageFromLocale`) and can be switched in the header.
 */
import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

import type { Language } from "../../host/locale.js";
import da from "./da.json" with { type: "json" };
import en from "./en.json" with { type: "json" };

export const resources = { da: { translation: da }, en: { translation: en } } as const;

/** A ready i18next instance (resources are bundled, so it initialises synchronously). */
export function createI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: "da",
    supportedLngs: ["da", "en"],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
