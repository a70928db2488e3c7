/**
 * The kit's StoreErrorMessage words a draft refused as `Invalid` from its problems (codes with
 * the field's label as a code) in the UI language, so the English UI shows no Danish sentence;
 * any other error keeps the words of its kind.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";

import { StoreError } from "../../src/domain/errors.js";
import type { Language } from "../../src/domain/language.js";
import { StoreErrorMessage } from "../../src/ui/components/StoreErrorMessage.js";
import { createI18n } from "../../src/ui/i18n/index.js";

function show(ui: ReactElement, language: Language) {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>
    </I18nextProvider>,
  );
}

const refused = new StoreError("Invalid", "Initiatives: validation.maxLength (title)", {
  field: "title",
  problems: [
    {
      code: "validation.maxLength",
      field: "title",
      params: { label: { code: "fields.initiative.title" }, max: 255, length: 256 },
    },
    {
      code: "validation.required",
      field: "area",
      params: { label: { code: "fields.initiative.area" } },
    },
  ],
});

describe("StoreErrorMessage", () => {
  it("words an invalid draft's problems in Danish", () => {
    show(<StoreErrorMessage error={refused} />, "da");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Titel må højst være 255 tegn (er 256).");
    expect(alert.textContent).toContain("Område skal udfyldes.");
    expect(alert.textContent).not.toContain("validation.");
  });

  it("words the same problems in English, without Danish", () => {
    show(<StoreErrorMessage error={refused} />, "en");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Title can be at most 255 characters (is 256).");
    expect(alert.textContent).toContain("Area is required.");
    expect(alert.textContent).not.toMatch(/skal|må højst/);
  });

  it("keeps the kind's words for an error without problems", () => {
    show(<StoreErrorMessage error={new StoreError("Conflict", "412")} />, "da");
    expect(screen.getByRole("alert").textContent).not.toContain("412");
  });
});
