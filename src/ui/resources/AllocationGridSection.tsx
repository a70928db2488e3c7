/**
 * The initiative page's allocation grid (for the secretary): one row per competence and person
 * (optional), one column per month, hours in the cells; "copy a month to the next ones" for a
 * row or the whole grid. Saved as a whole: every cell is checked first and nothing is written
 * while a problem remains (the problems name the row, month and field).
 */
import { Button, Card, Input, Select, Text } from "@fluentui/react-components";
import { useEffect, useId, useMemo, useReducer, useState } from "react";

import type { Initiative } from "../../domain/portfolio.js";
import type { Problem } from "../../domain/problems.js";
import { monthOf, monthRange } from "../../domain/resources-capacity.js";
import type { GridProblem } from "../../domain/resources-grid.js";
import { canManageResources } from "../../domain/resources-rules.js";
import { type Competence, COMPETENCES } from "../../domain/vocabulary.js";
import { ProblemMessage, Stack, StoreErrorMessage, useProblemText } from "../components/index.js";
import {
  useInitiativeAllocations,
  useResourceRegister,
  useSaveAllocations,
} from "../queries/resources.js";
import { useMe } from "../queries/useMe.js";
import { useServices } from "../services.js";
import { gridFormOf, gridReducer, gridRowsOf } from "./form-state.js";
import { useResourceFormat } from "./format.js";

const MONTHS_SHOWN = 12;

export function AllocationGridSection({ initiative }: { initiative: Initiative }) {
  const me = useMe();
  if (!me.data || !canManageResources(me.data)) return null;
  return <AllocationGrid initiative={initiative} />;
}

function AllocationGrid({ initiative }: { initiative: Initiative }) {
  const { t, month, competence } = useResourceFormat();
  const problemText = useProblemText();
  const { clock } = useServices();
  const titleId = useId();
  const allocations = useInitiativeAllocations(initiative.id);
  const register = useResourceRegister();
  const save = useSaveAllocations({ id: initiative.id, title: initiative.title });
  const [start, setStart] = useState(() => monthOf(clock.now().toISOString()));
  const months = useMemo(() => monthRange(start, MONTHS_SHOWN), [start]);
  const [state, dispatch] = useReducer(gridReducer, undefined, () => gridFormOf([], months));
  const [problems, setProblems] = useState<GridProblem[] | Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [copyFrom, setCopyFrom] = useState(start);

  useEffect(() => {
    if (allocations.data) dispatch({ kind: "reset", allocations: allocations.data, months });
  }, [allocations.data, months]);

  const resources = register.data ?? [];
  const problemAt = (row: number, m: string | null) =>
    (problems as GridProblem[]).find((p) => p.row === row && p.month === m);

  const submit = async () => {
    setSaved(false);
    const r = await save.mutateAsync({ rows: gridRowsOf(state), months });
    if (r.ok) {
      setProblems([]);
      setSaved(true);
    } else setProblems(r.error);
  };

  return (
    <Card role="region" aria-labelledby={titleId} data-testid="allocation-grid">
      <Stack gap="m">
        <h2 id={titleId} style={{ margin: 0 }}>
          <Text as="span" size={500} weight="semibold">
            {t("resources.grid.title")}
          </Text>
        </h2>
        <Text>{t("resources.grid.help")}</Text>
        <Stack direction="row" gap="m" wrap align="end">
          <label>
            <Text>{t("resources.grid.start")} </Text>
            <Input
              type="month"
              value={start}
              onChange={(_, d) => {
                if (/^\d{4}-\d{2}$/.test(d.value)) {
                  setStart(d.value);
                  setCopyFrom(d.value);
                }
              }}
            />
          </label>
          <label>
            <Text>{t("resources.grid.copyFrom")} </Text>
            <Select value={copyFrom} onChange={(_, d) => setCopyFrom(d.value)}>
              {months.map((m) => (
                <option key={m} value={m}>
                  {month(m)}
                </option>
              ))}
            </Select>
          </label>
          <Button onClick={() => dispatch({ kind: "copyForward", row: null, from: copyFrom })}>
            {t("resources.grid.copyAll")}
          </Button>
        </Stack>
        <div
          style={{ overflowX: "auto", maxWidth: "100%" }}
          tabIndex={0}
          role="group"
          aria-label={t("resources.grid.title")}
        >
          <table style={{ borderCollapse: "collapse" }}>
            <caption style={{ textAlign: "start" }}>
              <Text size={200}>{t("resources.grid.caption", { title: initiative.title })}</Text>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.allocation.competence")}</th>
                <th scope="col">{t("fields.allocation.resource")}</th>
                {months.map((m) => (
                  <th key={m} scope="col">
                    {month(m)}
                  </th>
                ))}
                <th scope="col">{t("resources.grid.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {state.rows.map((row, i) => {
                const rowName = `${row.competence ? competence(row.competence) : "–"}${row.resource ? `, ${row.resource.title}` : ""}`;
                const rowProblem = problemAt(i, null);
                return (
                  <tr key={row.key} data-testid={`grid-row-${i}`}>
                    <td>
                      <Select
                        aria-label={t("resources.grid.rowCompetence", { row: i + 1 })}
                        value={row.competence ?? ""}
                        aria-invalid={!!rowProblem}
                        onChange={(_, d) =>
                          dispatch({
                            kind: "competence",
                            row: i,
                            competence: (d.value || null) as Competence | null,
                          })
                        }
                      >
                        <option value="">{t("resources.grid.fromPerson")}</option>
                        {COMPETENCES.map((c) => (
                          <option key={c} value={c}>
                            {competence(c)}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td>
                      <Select
                        aria-label={t("resources.grid.rowPerson", { row: i + 1 })}
                        value={row.resource ? String(row.resource.id) : ""}
                        onChange={(_, d) => {
                          const r = resources.find((x) => String(x.id) === d.value);
                          dispatch({
                            kind: "resource",
                            row: i,
                            resource: r ? { id: r.id, title: r.title } : null,
                          });
                        }}
                      >
                        <option value="">{t("resources.grid.noPerson")}</option>
                        {row.resource && !resources.some((x) => x.id === row.resource?.id) ? (
                          <option value={String(row.resource.id)}>{row.resource.title}</option>
                        ) : null}
                        {resources.map((r) => (
                          <option key={r.id} value={String(r.id)}>
                            {r.title}
                          </option>
                        ))}
                      </Select>
                    </td>
                    {months.map((m) => {
                      const p = problemAt(i, m);
                      return (
                        <td key={m}>
                          <Input
                            size="small"
                            inputMode="decimal"
                            style={{ width: "4.5rem" }}
                            aria-label={t("resources.grid.cell", { row: rowName, month: month(m) })}
                            aria-invalid={!!p}
                            title={p ? problemText(p) : undefined}
                            value={row.hours[m] ?? ""}
                            onChange={(_, d) =>
                              dispatch({ kind: "cell", row: i, month: m, text: d.value })
                            }
                          />
                        </td>
                      );
                    })}
                    <td>
                      <Stack direction="row" gap="xs">
                        <Button
                          size="small"
                          onClick={() => dispatch({ kind: "copyForward", row: i, from: copyFrom })}
                        >
                          {t("resources.grid.copyRow")}
                        </Button>
                        <Button
                          size="small"
                          aria-label={t("resources.grid.removeRow", { row: rowName })}
                          onClick={() => dispatch({ kind: "removeRow", row: i })}
                        >
                          {t("resources.grid.remove")}
                        </Button>
                      </Stack>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div>
          <Button onClick={() => dispatch({ kind: "addRow" })}>{t("resources.grid.addRow")}</Button>
        </div>
        {problems.length > 0 ? (
          <ProblemMessage
            title={t("resources.grid.notSaved")}
            problems={(problems as Partial<GridProblem>[]).map((p) =>
              typeof p.row === "number"
                ? {
                    code: "resources.grid.problemAt",
                    params: {
                      row: String(p.row + 1),
                      month: p.month ? month(p.month) : "–",
                      problem: problemText(p as Problem),
                    },
                  }
                : (p as Problem),
            )}
          />
        ) : null}
        {save.isError ? <StoreErrorMessage error={save.error} /> : null}
        <div role="status" aria-live="polite">
          {saved ? <Text>{t("resources.grid.saved")}</Text> : null}
        </div>
        <Stack direction="row" gap="s">
          <Button appearance="primary" disabled={save.isPending} onClick={() => void submit()}>
            {t("resources.grid.save")}
          </Button>
          <Button
            onClick={() => {
              setProblems([]);
              dispatch({ kind: "reset", allocations: allocations.data ?? [], months });
            }}
          >
            {t("resources.grid.reset")}
          </Button>
        </Stack>
      </Stack>
    </Card>
  );
}
