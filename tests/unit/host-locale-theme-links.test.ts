/** Teams locale → UI language, Teams theme → theme kind, deep links → routes (table-driven). */
import { routeFromSubEntityId, subEntityIdForInitiative } from "../../src/host/deep-link.js";
import { formattingLocale, languageFromLocale } from "../../src/host/locale.js";
import { themeKindFromTeams } from "../../src/host/theme.js";

describe("the UI language follows the Teams locale", () => {
  test.each([
    ["da-DK", "da"],
    ["da", "da"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["EN-us", "en"],
    ["en", "en"],
    ["de-DE", "da"],
    ["sv-SE", "da"],
    ["", "da"],
    [undefined, "da"],
    ["eng", "da"],
  ])("%s → %s", (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  test("each language formats with its own conventions", () => {
    expect(formattingLocale("da")).toBe("da-DK");
    expect(formattingLocale("en")).toBe("en-GB");
  });
});

describe("the Teams theme picks the theme kind", () => {
  test.each([
    ["default", "light"],
    ["dark", "dark"],
    ["contrast", "contrast"],
    ["DARK", "dark"],
    ["something-new", "light"],
    [undefined, "light"],
  ])("%s → %s", (theme, kind) => {
    expect(themeKindFromTeams(theme)).toBe(kind);
  });
});

describe("a deep link's subEntityId opens an initiative", () => {
  test.each([
    ["42", "#/initiativ/42"],
    ["initiativ/42", "#/initiativ/42"],
    ["#/initiativ/7", "#/initiativ/7"],
    ["Initiativ/7", "#/initiativ/7"],
    ["", undefined],
    [undefined, undefined],
    ["møder/3", undefined],
    ["42abc", undefined],
  ])("%s → %s", (sub, route) => {
    expect(routeFromSubEntityId(sub)).toBe(route);
  });

  test("the sub-entity id the app writes is read back as the same initiative", () => {
    expect(routeFromSubEntityId(subEntityIdForInitiative(123))).toBe("#/initiativ/123");
  });
});
