/**
 * Teams themes (`app.theme` and `registerOnThemeChangeHandler`): "default", "dark" and
 * "contrast" (PLATFORM.md, Teams host). The UI maps the kind to a Fluent UI v9 Teams theme.
 */
export type ThemeKind = "light" | "dark" | "contrast";

export const THEME_KINDS: readonly ThemeKind[] = ["light", "dark", "contrast"];

export function themeKindFromTeams(theme: string | null | undefined): ThemeKind {
  switch ((theme ?? "").toLowerCase()) {
    case "dark":
      return "dark";
    case "contrast":
      return "contrast";
    default:
      return "light";
  }
}
