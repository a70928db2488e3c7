/**
 * The character counter that forms laying out their own Field put in its hint (the intake form
 * and the initiative's edit form), counting as the domain's limits count.
 */
import { Field, FluentProvider, Input, teamsLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";

import { INITIATIVE_FIELDS } from "../../src/domain/initiative-fields.js";
import { HintWithCount } from "../../src/ui/components/fields.js";
import { createI18n } from "../../src/ui/i18n/index.js";

function show(value: string, maxLength: number) {
  render(
    <I18nextProvider i18n={createI18n("da")}>
      <FluentProvider theme={teamsLightTheme}>
        <Field
          label="Titel"
          hint={<HintWithCount hint="Kort og sigende" value={value} maxLength={maxLength} />}
        >
          <Input value={value} onChange={() => undefined} />
        </Field>
      </FluentProvider>
    </I18nextProvider>,
  );
  const input = screen.getByRole("textbox", { name: "Titel" });
  const ids = (input.getAttribute("aria-describedby") ?? "").split(" ");
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

describe("the counter beside a form's own hint", () => {
  test.each([
    ["an empty title", "", "Kort og sigende0 af 255 tegn"],
    ["a full one", "x".repeat(255), "Kort og sigende255 af 255 tegn"],
    [
      "one too long, an emoji counting two",
      `${"x".repeat(254)}👍`,
      "Kort og sigende1 tegn for mange (højst 255)",
    ],
  ])("%s", (_, value, described) => {
    expect(show(value, INITIATIVE_FIELDS.title.maxLength)).toBe(described);
  });
});
