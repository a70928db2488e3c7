/**
 * The weights side by side: the committee's (geometric mean of the members' matrices) and each
 * member's the user may see, as percentages, with each one's CR and whether it is accepted
 * (said in words, not only colour). A member who has not judged every pair shows how far along.
 */
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";

import type { AhpResult } from "../../../domain/ahp.js";
import type { Criterion } from "../../../domain/prioritization.js";
import type { MemberWeights } from "../../../use-cases/ahp.js";
import { useAhpFormat } from "./format.js";

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

  return (
    <>
      <Table aria-label={t("ahp.weights.tableLabel")} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("ahp.weights.criterion")}</TableHeaderCell>
            {columns.map((c) => (
              <TableHeaderCell key={c.key}>{c.heading}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.active.map((criterion, i) => (
            <TableRow key={criterion.id}>
              <TableCell>{criterion.title}</TableCell>
              {columns.map((c) => (
                <TableCell key={c.key}>{weightOf(c, i)}</TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell>
              <Text weight="semibold">{t("ahp.weights.cr")}</Text>
            </TableCell>
            {columns.map((c) => (
              <TableCell key={c.key}>
                {c.result
                  ? t(c.result.accepted ? "ahp.weights.crAccepted" : "ahp.weights.crTooHigh", {
                      cr: cr(c.result.cr),
                    })
                  : c.note}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
      {props.committee ? (
        <Text as="p">{t("ahp.weights.committeeOf", { count: props.committeeOf })}</Text>
      ) : null}
    </>
  );
}
