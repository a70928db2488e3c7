import { Label, makeStyles, Select, tokens, useId } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

import { type Language, LANGUAGES } from "../../domain/language.js";
import type { ThemeKind } from "../../host/theme.js";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  field: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

const THEME_LABEL: Record<ThemeKind, string> = {
  light: "display.themeLight",
  dark: "display.themeDark",
  contrast: "display.themeContrast",
};

/** Every theme kind, in the order offered (the record above holds each exactly once). */
const THEME_KINDS = Object.keys(THEME_LABEL) as ThemeKind[];

export interface DisplayControlsProps {
  language: Language;
  theme: ThemeKind;
  onLanguageChange: (language: Language) => void;
  onThemeChange: (theme: ThemeKind) => void;
}

/** Language and theme switches (both follow Teams by default). */
export function DisplayControls(props: DisplayControlsProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const languageId = useId("language");
  const themeId = useId("theme");
  return (
    <div className={styles.root}>
      <div className={styles.field}>
        <Label htmlFor={languageId}>{t("display.language")}</Label>
        <Select
          id={languageId}
          size="small"
          value={props.language}
          onChange={(_, data) => props.onLanguageChange(data.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`display.${l}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className={styles.field}>
        <Label htmlFor={themeId}>{t("display.theme")}</Label>
        <Select
          id={themeId}
          size="small"
          value={props.theme}
          onChange={(_, data) => props.onThemeChange(data.value as ThemeKind)}
        >
          {THEME_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(THEME_LABEL[k])}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
