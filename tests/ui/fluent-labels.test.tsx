/**
 * Fluent UI labels some of its own parts in English ("Clear selection" on every Dropdown);
 * the app's FluentProvider gives them the UI language's words, and leaves a view's own label.
 */
import {
  Dropdown,
  FluentProvider,
  Option,
  SpinButton,
  teamsLightTheme,
} from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";

import { fluentLabelHooks } from "../../src/ui/components/fluent-labels.js";
import { createI18n } from "../../src/ui/i18n/index.js";

function show(language: "da" | "en", clearLabel?: string) {
  const i18n = createI18n(language);
  render(
    <FluentProvider
      theme={teamsLightTheme}
      customStyleHooks_unstable={fluentLabelHooks((k) => i18n.t(k))}
    >
      <Dropdown
        aria-label="Område"
        clearable
        selectedOptions={["a"]}
        value="A"
        {...(clearLabel ? { clearButton: { "aria-label": clearLabel } } : {})}
      >
        <Option value="a">A</Option>
      </Dropdown>
      <SpinButton aria-label="Antal" />
    </FluentProvider>,
  );
}

describe("Fluent's own labels", () => {
  test.each([
    ["da", "Ryd valget", "Forøg værdien", "Formindsk værdien"],
    ["en", "Clear selection", "Increase value", "Decrease value"],
  ] as const)(
    "in %s the clear and step buttons are named in the UI language",
    (lng, clear, up, down) => {
      show(lng);
      expect(screen.getByRole("button", { name: clear, hidden: true })).toBeTruthy();
      expect(screen.getByRole("button", { name: up, hidden: true })).toBeTruthy();
      expect(screen.getByRole("button", { name: down, hidden: true })).toBeTruthy();
      if (lng === "da") {
        expect(screen.queryByRole("button", { name: "Clear selection", hidden: true })).toBeNull();
      }
    },
  );

  test("a label the view gave itself stays", () => {
    show("da", "Fjern området");
    expect(screen.getByRole("button", { name: "Fjern området", hidden: true })).toBeTruthy();
  });
});
