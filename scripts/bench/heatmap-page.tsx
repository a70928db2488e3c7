/**
 * The page the heatmap bench loads in Chromium (bundled by esbuild): renders Ressourcer's
 * capacity heatmap (per competence) inside the tab's providers for the data it is given, and
 * reports how long computing the grid and rendering it took, median of several mounts.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";

import { competenceLoad, type LoadInput, personLoad } from "../../src/domain/resources-capacity.js";
import type { Competence } from "../../src/domain/vocabulary.js";
import { createI18n } from "../../src/ui/i18n/index.js";
import { CapacityHeatmap } from "../../src/ui/resources/CapacityHeatmap.js";

declare global {
  interface Window {
    benchHeatmap: (
      input: LoadInput,
      competences: string[],
      runs: number,
    ) => { computeMs: number[]; renderMs: number[]; cells: number; overCells: number };
  }
}

window.benchHeatmap = (input, competences, runs) => {
  const i18n = createI18n("da");
  const host = document.getElementById("root") as HTMLElement;
  const root = createRoot(host);
  // The providers are mounted once, as in the tab; each run mounts the heatmap inside them.
  const app = (content: ReactNode) => (
    <I18nextProvider i18n={i18n}>
      <FluentProvider theme={teamsLightTheme}>{content}</FluentProvider>
    </I18nextProvider>
  );
  flushSync(() => root.render(app(null)));
  const computeMs: number[] = [];
  const renderMs: number[] = [];
  let cells = 0;
  let overCells = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const byCompetence = competenceLoad(input, competences as Competence[]);
    const byPerson = personLoad(input);
    const t1 = performance.now();
    flushSync(() =>
      root.render(app(<CapacityHeatmap key={i} byCompetence={byCompetence} byPerson={byPerson} />)),
    );
    // Layout is part of what the user waits for.
    void host.offsetHeight;
    const t2 = performance.now();
    computeMs.push(t1 - t0);
    renderMs.push(t2 - t1);
    cells = host.querySelectorAll("td[data-col]").length;
    overCells = host.querySelectorAll("td[data-col] span[aria-hidden]").length;
    flushSync(() => root.render(app(null)));
  }
  root.unmount();
  return { computeMs, renderMs, cells, overCells };
};
