/**
 * A view loaded through `lazyView` (src/ui/shell/views.ts) shows once its module and its
 * features' texts are in, in the language shown; with the tab's i18n instance those texts are
 * not there before (src/ui/i18n/lazy.ts).
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { type ComponentType, Suspense } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";

import { createI18n } from "../../src/ui/i18n/index.js";
import { createTabI18n } from "../../src/ui/i18n/lazy.js";
import { lazyView } from "../../src/ui/shell/views.js";

function TitleView(props: { suffix: string }) {
  const { t } = useTranslation();
  return (
    <h1>
      {t("portfolio.title")} {props.suffix}
    </h1>
  );
}

/** A module load the test finishes when it wants. */
function deferredModule() {
  let finish: () => void = () => undefined;
  const loaded = new Promise<{ default: ComponentType<{ suffix: string }> }>((resolve) => {
    finish = () => resolve({ default: TitleView });
  });
  return { load: () => loaded, finish };
}

describe("a lazily loaded view", () => {
  it("shows the fallback, then its texts in the language shown, with its props", async () => {
    const i18n = createTabI18n("en");
    const module = deferredModule();
    const View = lazyView(module.load, ["portfolio"]);
    render(
      <I18nextProvider i18n={i18n}>
        <Suspense fallback={<p>loading</p>}>
          <View suffix="(10)" />
        </Suspense>
      </I18nextProvider>,
    );
    expect(screen.getByText("loading")).toBeTruthy();
    // The texts come in while the module is still loading: still the fallback.
    await waitFor(() => expect(i18n.getResource("en", "translation", "portfolio")).toBeDefined());
    expect(screen.getByText("loading")).toBeTruthy();
    await act(() => Promise.resolve(module.finish()));
    const title = createI18n("en").t("portfolio.title");
    expect(await screen.findByRole("heading", { name: `${title} (10)` })).toBeTruthy();
    expect(i18n.getResource("da", "translation", "portfolio")).toBeUndefined();
  });

  it("with every text already there, waits for its module only", async () => {
    const View = lazyView(() => Promise.resolve({ default: TitleView }), ["portfolio"]);
    render(
      <I18nextProvider i18n={createI18n("da")}>
        <Suspense fallback={<p>loading</p>}>
          <View suffix="!" />
        </Suspense>
      </I18nextProvider>,
    );
    const title = createI18n("da").t("portfolio.title");
    expect(await screen.findByRole("heading", { name: `${title} !` })).toBeTruthy();
  });
});
