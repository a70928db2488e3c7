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
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";

import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { hrefForDecisionLog } from "../shell/routes.js";
import { PlanForm } from "./plan/PlanForm.js";
import { useMeetingPlan } from "../queries/meetings.js";
import { useMeetingFormat, useThisYear } from "./plan/useMeetingPlan.js";
import { YearPlanTable } from "./plan/YearPlanTable.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  bar: { display: "flex", flexWrap: "wrap", alignItems: "end", gap: tokens.spacingHorizontalL },
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
    <section className={styles.root} aria-labelledby="view-title" aria-busy={plan.isPending}>
      <h1 id="view-title" className={styles.heading}>
        {t("meetings.title")}
      </h1>
      <div className={styles.bar}>
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
      </div>
      {plan.isPending ? (
        <Spinner label={t("meetings.plan.loading")} />
      ) : plan.isError ? (
        <StoreErrorMessage
          error={plan.error}
          title={t("meetings.plan.loadError")}
          onRetry={() => void plan.refetch()}
        />
      ) : (
        <>
          <section aria-labelledby="year-plan-title">
            <h2 id="year-plan-title">{t("meetings.plan.heading", { year })}</h2>
            <Text as="p">
              {t("meetings.plan.counts", {
                planned: plan.data.summary.planned,
                held: plan.data.summary.held,
                cancelled: plan.data.summary.cancelled,
                minimum: plan.data.summary.minimum,
              })}
            </Text>
            {plan.data.summary.missing > 0 ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t("meetings.plan.belowMinimumTitle")}</MessageBarTitle>
                  {t("meetings.plan.belowMinimum", {
                    year,
                    minimum: plan.data.summary.minimum,
                    count: plan.data.summary.missing,
                  })}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <YearPlanTable year={year} meetings={plan.data.meetings} mayPlan={plan.data.mayPlan} />
          </section>
          {plan.data.mayPlan ? <PlanForm key={year} year={year} existing={plan.data.all} /> : null}
        </>
      )}
    </section>
  );
}
