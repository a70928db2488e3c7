/**
 * Capacity heatmap: allocated against capacity per competence (or per person) and month, with
 * over-allocation marked and the initiatives causing it on hover and focus.
 */
import { Tab, TabList, Text } from "@fluentui/react-components";
import { useMemo, useState } from "react";

import type { ResourceId } from "../../domain/ids.js";
import type { LoadGrid } from "../../domain/resources-capacity.js";
import type { Competence } from "../../domain/vocabulary.js";
import { HeatGrid, type HeatRow, Stack } from "../components/index.js";
import { useResourceFormat } from "./format.js";
import { heatModel } from "./heatmap-model.js";

export interface CapacityHeatmapProps {
  byCompetence: LoadGrid<Competence>;
  byPerson: LoadGrid<ResourceId>;
}

export function CapacityHeatmap({ byCompetence, byPerson }: CapacityHeatmapProps) {
  const { t, number, month, competence } = useResourceFormat();
  const [view, setView] = useState<"competence" | "person">("competence");
  const grid = view === "competence" ? byCompetence : byPerson;
  const columns = useMemo(
    () => grid.months.map((m) => ({ key: m, label: month(m) })),
    [grid.months, t],
  );
  const rows: HeatRow[] = useMemo(() => {
    const model = heatModel<string | number>(
      grid,
      {
        number,
        month,
        summary: (cell) =>
          cell.over > 0
            ? t("resources.heatmap.over", {
                allocated: number(cell.allocated),
                capacity: number(cell.capacity),
                over: number(cell.over),
              })
            : t("resources.heatmap.within", {
                allocated: number(cell.allocated),
                capacity: number(cell.capacity),
              }),
        initiative: (title, hours) => t("resources.heatmap.initiative", { title, hours }),
      },
      (key, fallback) => (view === "competence" ? competence(String(key)) : fallback),
    );
    return model.map((r) => ({
      key: r.key,
      label: r.label,
      cells: r.cells.map((c) => ({
        text: c.text,
        level: c.level,
        detail: () => {
          const initiatives = c.initiatives();
          return (
            <>
              <Text as="p" weight="semibold" block>
                {c.summary()}
              </Text>
              {initiatives.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: "1.2rem" }}>
                  {initiatives.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              ) : (
                <Text as="p">{t("resources.heatmap.noInitiatives")}</Text>
              )}
            </>
          );
        },
      })),
    }));
  }, [grid, view, t]);
  return (
    <Stack gap="s">
      <TabList
        selectedValue={view}
        onTabSelect={(_, d) => setView(d.value as "competence" | "person")}
        aria-label={t("resources.heatmap.perLabel")}
      >
        <Tab value="competence">{t("resources.heatmap.perCompetence")}</Tab>
        <Tab value="person">{t("resources.heatmap.perPerson")}</Tab>
      </TabList>
      <Text>{t("resources.heatmap.help")}</Text>
      {rows.length === 0 ? (
        <Text>{t("resources.heatmap.empty")}</Text>
      ) : (
        <HeatGrid
          label={
            view === "competence"
              ? t("resources.heatmap.labelCompetence")
              : t("resources.heatmap.labelPerson")
          }
          rowHeader={
            view === "competence"
              ? t("resources.heatmap.competence")
              : t("resources.heatmap.person")
          }
          columns={columns}
          rows={rows}
          overText={t("resources.heatmap.overMark")}
          testId={`heatmap-${view}`}
        />
      )}
    </Stack>
  );
}
