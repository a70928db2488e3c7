/** The Fluent UI v9 Teams theme for each Teams theme kind (PLATFORM.md, Teams host). */
import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from "@fluentui/react-components";

import type { ThemeKind } from "../host/theme.js";

export function fluentThemeFor(kind: ThemeKind): Theme {
  switch (kind) {
    case "dark":
      return teamsDarkTheme;
    case "contrast":
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
}
