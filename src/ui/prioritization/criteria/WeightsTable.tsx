/**
 * The weights side by side: the committee's (geometric mean of the members' matrices) and each
 * member's the user may see, as percentages, with each one's CR and whether it is accepted
 * (said in words, not only colour). A member who has not judged every pair shows how far along.
 */
import { Text } from "@fluentui/react-components";

import type { AhpResult } from "../../../domain/ahp.js";
import type { Criterion } from "../../../domain/prioritization.js";
import type { MemberWeights } from "../../../use-cases/ahp.js";
import { type DataColumn, DataTable } from "../../components/DataTable.js";
import { useAhpFormat } from "./format.js";

/** A criterion's row (its place in the weights) or the closing row of consistency ratios. */
type Row = { kind: "criterion"; index: number; criterion: Criterion } | { kind: "cr" };

interface Column {
  key: string;
  heading: string;
  result: AhpResult | null;
  note: string | null;
}

export function WeightsTable(props: {
  active: Criterion[];
  members: MemberWeights[];
  committee: AhpResult | null;
  committeeOf: number;
}) {
  const { t, percent, cr } = useAhpFormat();
  const columns: Column[] = [
    {
      key: "committee",
      heading: t("ahp.weights.committee"),
      result: props.committee,
      note: t("ahp.weights.committeeNone"),
    },
    ...props.members.map((m) => ({
      key: `m-${m.voter.id}`,
      heading: m.own ? t("ahp.weights.you", { name: m.voter.name }) : m.voter.name,
      result: m.result,
      note: m.result ? null : t("ahp.weights.incomplete", { judged: m.judged, needed: m.needed }),
    })),
  ];
  const weightOf = (c: Column, i: number) => {
    const w = c.result?.weights[i];
    return w === undefined ? "–" : percent(w);
  };
  const crOf = (c: Column) =>
    c.result
      ? t(c.result.accepted ? "ahp.weights.crAccepted" : "ahp.weights.crTooHigh", {
          cr: cr(c.result.cr),
        })
      : c.note;
  const rows: Row[] = [
    ...props.active.map((criterion, index) => ({
      kind: "criterion" as const,
      index,
      criterion,
    })),
    { kind: "cr" },
  ];
  const tableColumns: DataColumn<Row>[] = [
    {
      key: "criterion",
      header: t("ahp.weights.criterion"),
      cell: (r) =>
        r.kind === "criterion" ? (
          r.criterion.title
        ) : (
          <Text weight="semibold">{t("ahp.weights.cr")}</Text>
        ),
      // The CR row has no sort value, so it stays last in either direction.
      sortValue: (r) => (r.kind === "criterion" ? r.criterion.title : undefined),
      grow: 2,
    },
    ...columns.map((c): DataColumn<Row> => ({
      key: c.key,
      header: c.heading,
      cell: (r) => (r.kind === "criterion" ? weightOf(c, r.index) : crOf(c)),
      sortValue: (r) => (r.kind === "criterion" ? c.result?.weights[r.index] : undefined),
      align: "end",
    })),
  ];

  return (
    <>
      <DataTable
        label={t("ahp.weights.tableLabel")}
        rows={rows}
        columns={tableColumns}
        rowKey={(r) => (r.kind === "criterion" ? r.criterion.id : "cr")}
      />
      {props.committee ? (
        <Text as="p">{t("ahp.weights.committeeOf", { count: props.committeeOf })}</Text>
      ) : null}
    </>
  );
}
