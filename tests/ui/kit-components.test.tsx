/**
 * The UI kit beside DataTable: QueryBoundary (loading, the StoreError kind in the UI language
 * with retry, empty, content), Stack, the form fields (label, hint, error and counter wired to
 * the control) and ConfirmDialog (the real numbers, Cancel first, busy while acting, the error
 * kept in view), each without serious axe violations.
 */
import { FluentProvider, Select, teamsLightTheme } from "@fluentui/react-components";
import { jest } from "@jest/globals";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { type ReactElement, useState } from "react";
import { I18nextProvider } from "react-i18next";

import { StoreError } from "../../src/domain/errors.js";
import type { Language } from "../../src/domain/language.js";
import { ConfirmDialog } from "../../src/ui/components/ConfirmDialog.js";
import { characterCount, FormField, TextField } from "../../src/ui/components/fields.js";
import { QueryBoundary, type QueryState } from "../../src/ui/components/QueryBoundary.js";
import { Stack } from "../../src/ui/components/Stack.js";
import { createI18n } from "../../src/ui/i18n/index.js";

function show(ui: ReactElement, language: Language = "da") {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>
    </I18nextProvider>,
  );
}

async function seriousAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The texts an element's aria-describedby points at. */
function descriptions(el: HTMLElement): string {
  return (el.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" | ");
}

function state<T>(s: Partial<QueryState<T>>): QueryState<T> {
  return { isPending: false, isError: false, error: null, data: undefined, ...s };
}

describe("QueryBoundary", () => {
  const content = (names: string[]) => (
    <ul>
      {names.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );

  test("while loading: a labelled spinner in a polite status region", () => {
    show(<QueryBoundary query={state<string[]>({ isPending: true })}>{content}</QueryBoundary>);
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toContain("Indlæser …");
  });

  test("a failed read: the StoreError kind in Danish, titled, and retry calls the query again", () => {
    const refetch = jest.fn();
    show(
      <QueryBoundary
        query={state<string[]>({
          isError: true,
          error: new StoreError("Forbidden", "Access denied"),
          refetch,
        })}
        errorTitle="Tiltagene kunne ikke hentes"
      >
        {content}
      </QueryBoundary>,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Tiltagene kunne ikke hentes");
    expect(alert.textContent).toContain("Du har ikke adgang");
    expect(alert.textContent).not.toContain("Access denied");
    fireEvent.click(within(alert).getByRole("button", { name: "Prøv igen" }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  test("a failed read in English, with the wait a throttled service asked for", () => {
    show(
      <QueryBoundary
        query={state<string[]>({
          isError: true,
          error: new StoreError("Throttled", "429", { retryAfter: 30 }),
        })}
      >
        {content}
      </QueryBoundary>,
      "en",
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The data could not be loaded");
    expect(alert.textContent).toMatch(/30/);
    expect(within(alert).queryByRole("button")).toBeNull();
  });

  test("empty data says so; a caller's own empty text or element replaces it", () => {
    const { unmount } = show(
      <QueryBoundary query={state<string[]>({ data: [] })}>{content}</QueryBoundary>,
    );
    expect(screen.getByText("Der er intet at vise.")).toBeTruthy();
    unmount();
    show(
      <QueryBoundary
        query={state<{ items: string[] }>({ data: { items: [] } })}
        isEmpty={(d) => d.items.length === 0}
        empty={<strong>Ingen tiltag endnu</strong>}
      >
        {(d) => content(d.items)}
      </QueryBoundary>,
    );
    expect(screen.getByText("Ingen tiltag endnu").tagName).toBe("STRONG");
  });

  test("data: the content, rendered from it", () => {
    show(
      <QueryBoundary query={state<string[]>({ data: ["Digital post", "Chatbot"] })}>
        {content}
      </QueryBoundary>,
    );
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Digital post",
      "Chatbot",
    ]);
  });

  test("no serious or critical axe violations in the error state", async () => {
    const { container } = show(
      <QueryBoundary
        query={state<string[]>({
          isError: true,
          error: new StoreError("Unavailable", "503"),
          refetch: () => undefined,
        })}
      >
        {content}
      </QueryBoundary>,
    );
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});

describe("Stack", () => {
  test("renders the element asked for with its attributes, children in order", () => {
    show(
      <Stack as="ul" gap="s" aria-label="Tiltag">
        <li>Et</li>
        <li>To</li>
      </Stack>,
    );
    const list = screen.getByRole("list", { name: "Tiltag" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Et", "To"]);
  });

  test("a row and a column get different classes; a caller's class is kept", () => {
    show(
      <>
        <Stack data-testid="column">a</Stack>
        <Stack data-testid="row" direction="row" className="mine">
          b
        </Stack>
      </>,
    );
    const column = screen.getByTestId("column");
    const row = screen.getByTestId("row");
    expect(column.tagName).toBe("DIV");
    expect(row.classList.contains("mine")).toBe(true);
    expect(row.className).not.toBe(column.className);
  });
});

describe("form fields", () => {
  function Controlled(props: {
    initial?: string;
    maxLength?: number;
    error?: string;
    multiline?: boolean;
  }) {
    const [value, setValue] = useState(props.initial ?? "");
    return props.multiline ? (
      <TextField
        multiline
        label="Beskrivelse"
        hint="Hvad skal tiltaget løse?"
        value={value}
        onChange={setValue}
        {...(props.maxLength !== undefined ? { maxLength: props.maxLength } : {})}
        {...(props.error ? { error: props.error } : {})}
      />
    ) : (
      <TextField
        label="Titel"
        hint="Et kort navn"
        required
        value={value}
        onChange={setValue}
        {...(props.maxLength !== undefined ? { maxLength: props.maxLength } : {})}
        {...(props.error ? { error: props.error } : {})}
      />
    );
  }

  test("the label names the control; the hint and the error describe it; an error makes it invalid", () => {
    show(<Controlled error="Titlen skal udfyldes" />);
    const input = screen.getByRole("textbox", { name: /Titel/ });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.hasAttribute("required") || input.getAttribute("aria-required") === "true").toBe(
      true,
    );
    const described = descriptions(input);
    expect(described).toContain("Et kort navn");
    expect(described).toContain("Titlen skal udfyldes");
  });

  test("without an error the control is not invalid", () => {
    show(<Controlled />);
    expect(screen.getByRole("textbox", { name: /Titel/ }).getAttribute("aria-invalid")).not.toBe(
      "true",
    );
  });

  test("a maximum length shows a counter that follows typing and is part of the description", () => {
    show(<Controlled maxLength={20} initial="Chatbot" />);
    const input = screen.getByRole("textbox", { name: /Titel/ });
    expect(descriptions(input)).toContain("7 af 20 tegn");
    fireEvent.change(input, { target: { value: "Chatbot til borgerne" } });
    expect(descriptions(input)).toContain("20 af 20 tegn");
    expect(input.getAttribute("aria-invalid")).not.toBe("true");
  });

  test("text over the maximum is kept, the counter says how much too long, and the field is invalid", () => {
    show(<Controlled maxLength={10} multiline />, "en");
    const area = screen.getByRole("textbox", { name: "Beskrivelse" });
    expect(area.tagName).toBe("TEXTAREA");
    fireEvent.change(area, { target: { value: "Chatbot til borgerne" } });
    expect((area as HTMLTextAreaElement).value).toBe("Chatbot til borgerne");
    expect(descriptions(area)).toContain("10 characters too many (at most 10)");
    expect(area.getAttribute("aria-invalid")).toBe("true");
  });

  test("characters are counted as the domain's limits and SharePoint count them (UTF-16 units)", () => {
    // An emoji is two units: a text the counter accepts is never refused by validation.
    expect(characterCount("Øre 👍", 4)).toEqual({ count: 6, over: 2 });
    expect(characterCount("👍".repeat(128), 255)).toEqual({ count: 256, over: 1 });
    expect(characterCount("abc", undefined)).toEqual({ count: 3, over: 0 });
  });

  test("FormField wires any Fluent control", () => {
    show(
      <FormField label="Område" hint="Vælg et område" error="Vælg et område fra listen">
        <Select>
          <option>BKV</option>
        </Select>
      </FormField>,
    );
    const select = screen.getByRole("combobox", { name: "Område" });
    expect(descriptions(select)).toContain("Vælg et område fra listen");
  });

  test("no serious or critical axe violations with hint, counter and error", async () => {
    const { container } = show(
      <Stack>
        <Controlled maxLength={20} error="Titlen skal udfyldes" />
        <Controlled maxLength={5} multiline initial="for lang tekst" />
      </Stack>,
    );
    expect(await seriousAxeViolations(container)).toEqual([]);
  });
});

describe("ConfirmDialog", () => {
  function Harness(props: { onConfirm: () => unknown; onClose?: () => void }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Slet kladder
        </button>
        <ConfirmDialog
          open={open}
          title="Slet 3 kladder?"
          confirmLabel="Slet 3 kladder"
          onConfirm={props.onConfirm}
          onClose={() => {
            props.onClose?.();
            setOpen(false);
          }}
        >
          3 kladder slettes for altid. 2 af dem er delt med sekretariatet.
        </ConfirmDialog>
      </>
    );
  }

  /** The dialog (jsdom and tabster's modalizer may leave it marked aria-hidden; see portfolio-support). */
  const dialog = () => screen.getByRole("alertdialog", { hidden: true, name: "Slet 3 kladder?" });
  const button = (name: string | RegExp) =>
    within(dialog()).getByRole("button", { hidden: true, name });

  test("an alert dialog with the real numbers; focus starts on Cancel; Cancel does nothing and closes", async () => {
    const onConfirm = jest.fn();
    const onClose = jest.fn();
    show(<Harness onConfirm={onConfirm} onClose={onClose} />);
    fireEvent.click(screen.getByRole("button", { name: "Slet kladder" }));
    expect(dialog().textContent).toContain(
      "3 kladder slettes for altid. 2 af dem er delt med sekretariatet.",
    );
    await waitFor(() => expect(document.activeElement).toBe(button("Annullér")));
    fireEvent.click(button("Annullér"));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
  });

  test("confirming runs the action, both buttons wait while it runs, then the dialog closes", async () => {
    let finish: () => void = () => undefined;
    const onConfirm = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const onClose = jest.fn();
    show(<Harness onConfirm={onConfirm} onClose={onClose} />);
    fireEvent.click(screen.getByRole("button", { name: "Slet kladder" }));
    fireEvent.click(button("Slet 3 kladder"));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(button(/Udfører/).hasAttribute("disabled")).toBe(true);
    expect(button("Annullér").hasAttribute("disabled")).toBe(true);
    await act(() => {
      finish();
      return Promise.resolve();
    });
    expect(onClose).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
  });

  test("a failed action keeps the dialog open with the reason in Danish", async () => {
    const onClose = jest.fn();
    show(
      <Harness
        onConfirm={() => Promise.reject(new StoreError("Conflict", "412"))}
        onClose={onClose}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Slet kladder" }));
    fireEvent.click(button("Slet 3 kladder"));
    const alert = await within(dialog()).findByRole("alert", { hidden: true });
    expect(alert.textContent).toContain("Det lykkedes ikke");
    expect(onClose).not.toHaveBeenCalled();
    expect(button("Slet 3 kladder").hasAttribute("disabled")).toBe(false);
  });

  test("Escape closes without acting, and focus goes back to what opened the dialog", async () => {
    const onConfirm = jest.fn();
    show(<Harness onConfirm={onConfirm} />);
    const trigger = screen.getByRole("button", { name: "Slet kladder" });
    act(() => trigger.focus());
    fireEvent.click(trigger);
    fireEvent.keyDown(dialog(), { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
    expect(onConfirm).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });

  test("no serious or critical axe violations while open", async () => {
    show(<Harness onConfirm={() => undefined} />, "en");
    fireEvent.click(screen.getByRole("button", { name: "Slet kladder" }));
    expect(within(dialog()).getByRole("button", { hidden: true, name: "Cancel" })).toBeTruthy();
    expect(await seriousAxeViolations(dialog())).toEqual([]);
  });
});
