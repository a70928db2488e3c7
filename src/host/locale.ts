/** The host reads the Teams locale into one of the app's languages (`domain/language.ts`). */
export {
  formattingLocale,
  type Language,
  languageFromLocale,
  LANGUAGES,
} from "../domain/language.js";
