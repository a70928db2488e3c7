/**
 * Møder (`#/moeder`, issue 6 §1): the year's plan. A year picker; the year's meetings with date,
 * time, kind, place, state, agenda and minutes, and whether each is in the Teams calendar; the
 * warning when fewer than the minimum (Settings meetings.minPerYear, default 4) are planned or
 * held; for the secretary the form that plans meetings. A link to the decision log.
 */
import {
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
} from "@fluentui/react-components";
import { useState } from "react";

import { QueryBoundary } from "../components/QueryBoundary.js";
import { Stack } from "../components/Stack.js";
import { useMeetingPlan } from "../queries/meetings.js";
import { hrefForDecisionLog } from "../shell/routes.js";
import { PlanForm } from "./plan/PlanForm.js";
import { useMeetingFormat, useThisYear } from "./plan/useMeetingPlan.js";
import { YearPlanTable } from "./plan/YearPlanTable.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
});

export default function MeetingsView() {
  const styles = useStyles();
  const { t } = useMeetingFormat();
  const thisYear = useThisYear();
  const [year, setYear] = useState(thisYear);
  const plan = useMeetingPlan(year);
  const years = Array.from({ length: 6 }, (_, i) => thisYear - 2 + i);
  if (!years.includes(year)) years.push(year);
  return (
    <Stack as="section" gap="l" aria-labelledby="view-title" aria-busy={plan.isPending}>
      <h1 id="view-title" className={styles.heading}>
        {t("meetings.title")}
      </h1>
      <Stack direction="row" gap="l" wrap align="end">
        <Field label={t("meetings.plan.year")}>
          <Select value={String(year)} onChange={(_, d) => setYear(Number(d.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Link href={hrefForDecisionLog()}>{t("meetings.plan.toDecisionLog")}</Link>
      </Stack>
      <QueryBoundary
        query={plan}
        isEmpty={() => false}
        loadingLabel={t("meetings.plan.loading")}
        errorTitle={t("meetings.plan.loadError")}
      >
        {(data) => (
          <>
            <section aria-labelledby="year-plan-title">
              <h2 id="year-plan-title">{t("meetings.plan.heading", { year })}</h2>
              <Text as="p">
                {t("meetings.plan.counts", {
                  planned: data.summary.planned,
                  held: data.summary.held,
                  cancelled: data.summary.cancelled,
                  minimum: data.summary.minimum,
                })}
              </Text>
              {data.summary.missing > 0 ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{t("meetings.plan.belowMinimumTitle")}</MessageBarTitle>
                    {t("meetings.plan.belowMinimum", {
                      year,
                      minimum: data.summary.minimum,
                      count: data.summary.missing,
                    })}
                  </MessageBarBody>
                </MessageBar>
              ) : null}
              <YearPlanTable year={year} meetings={data.meetings} mayPlan={data.mayPlan} />
            </section>
            {data.mayPlan ? <PlanForm key={year} year={year} existing={data.all} /> : null}
          </>
        )}
      </QueryBoundary>
    </Stack>
  );
}
