/**
 * Kriterier og vægte, `#/prioritering/kriterier`: the criteria (the secretary and
 * the chair keep them), a member's pairwise comparisons with their weights and CR, the
 * committee's weights next to each member's (the chair sees everyone's), the chair's
 * approval of the weights at a meeting, and for the chair and the secretariat the comparisons
 * that are not counted (who wrote them, what is wrong).
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";

import { type AhpPage, mayApprove, mayCompare, mayManageCriteria } from "../../../use-cases/ahp.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useAhpPage, useOpenComparison } from "../../queries/prioritization.js";
import { ActionError } from "../ActionError.js";
import { irregularityText } from "../irregularities.js";
import { ApproveWeights } from "./ApproveWeights.js";
import { CriteriaList } from "./CriteriaList.js";
import { useAhpFormat } from "./format.js";
import { PairwiseComparisons } from "./PairwiseComparisons.js";
import { WeightsTable } from "./WeightsTable.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  h: { margin: 0 },
  row: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** The open weight set's comparisons that are not counted (the chair and the secretariat). */
function IrregularComparisons({ page }: { page: AhpPage }) {
  const styles = useStyles();
  const { t, language } = useAhpFormat();
  if (page.irregularities.length === 0) return null;
  const names = { criteria: new Map(page.criteria.map((c) => [c.id as number, c.title])) };
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("ahp.irregular.heading")}</MessageBarTitle>
        <Text block>{t("ahp.irregular.help")}</Text>
        <ul className={styles.list} aria-label={t("ahp.irregular.heading")}>
          {page.irregularities.map((i) => (
            <li key={`${i.item}:${i.rule}`}>{irregularityText(t, language, i, names)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function OpenComparison() {
  const styles = useStyles();
  const { t } = useAhpFormat();
  const openComparison = useOpenComparison();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const open = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await openComparison.mutateAsync(title);
      if (!r.ok) setError(r.error);
    } catch (x) {
      setError(x);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <div className={styles.row}>
        <Field label={t("ahp.open.name")} required>
          <Input value={title} onChange={(_e, d) => setTitle(d.value)} maxLength={255} />
        </Field>
        <Button disabled={saving || title.trim() === ""} onClick={() => void open()}>
          {t("ahp.open.button")}
        </Button>
      </div>
      <ActionError error={error} title={t("ahp.open.error")} />
    </>
  );
}

export default function CriteriaView(_props: { id: number | null }) {
  const styles = useStyles();
  const { t, percent, cr, date } = useAhpFormat();
  const page = useAhpPage();
  const [approvedNotice, setApprovedNotice] = useState("");

  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={page.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("ahp.title")}
        </Text>
      </h1>
      <div role="status" aria-live="polite">
        {approvedNotice}
      </div>
      {page.isPending ? (
        <Spinner label={t("ahp.loading")} />
      ) : page.isError ? (
        <StoreErrorMessage
          error={page.error}
          title={t("ahp.loadError")}
          onRetry={() => void page.refetch()}
        />
      ) : (
        <>
          <section className={styles.section} aria-labelledby="ahp-criteria">
            <h2 id="ahp-criteria" className={styles.h}>
              {t("ahp.criteria.heading")}
            </h2>
            <CriteriaList
              criteria={page.data.criteria}
              mayManage={mayManageCriteria(page.data.me)}
            />
          </section>

          {page.data.approved ? (
            <section className={styles.section} aria-labelledby="ahp-approved">
              <h2 id="ahp-approved" className={styles.h}>
                {t("ahp.approved.heading", { title: page.data.approved.title })}
              </h2>
              <Text as="p">
                {t("ahp.approved.line", {
                  date: page.data.approved.approvedAt ? date(page.data.approved.approvedAt) : "–",
                  meeting: page.data.approved.meeting?.title ?? "–",
                  cr:
                    page.data.approved.consistencyRatio === null
                      ? "–"
                      : cr(page.data.approved.consistencyRatio),
                })}
              </Text>
              <ul>
                {page.data.approved.weights.map((w) => (
                  <li key={w.criterion}>
                    {`${
                      page.data.criteria.find((c) => c.id === w.criterion)?.title ??
                      String(w.criterion)
                    }: ${percent(w.weight)}`}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section className={styles.section} aria-labelledby="ahp-compare">
            <h2 id="ahp-compare" className={styles.h}>
              {page.data.open
                ? t(mayCompare(page.data.me) ? "ahp.compare.heading" : "ahp.compare.headingSet", {
                    title: page.data.open.title,
                  })
                : t("ahp.compare.headingNone")}
            </h2>
            {page.data.open ? (
              mayCompare(page.data.me) ? (
                <PairwiseComparisons
                  key={page.data.open.id}
                  weightSet={page.data.open.id}
                  pairs={page.data.pairs}
                  active={page.data.active}
                  own={page.data.members.find((m) => m.own)?.result ?? null}
                />
              ) : (
                <Text as="p">{t("ahp.compare.notMember")}</Text>
              )
            ) : (
              <>
                <Text as="p">{t("ahp.compare.noneOpen")}</Text>
                {mayManageCriteria(page.data.me) ? <OpenComparison /> : null}
              </>
            )}
          </section>

          {page.data.open ? (
            <section className={styles.section} aria-labelledby="ahp-weights">
              <h2 id="ahp-weights" className={styles.h}>
                {t("ahp.weights.heading")}
              </h2>
              <WeightsTable
                active={page.data.active}
                members={page.data.members}
                committee={page.data.committee}
                committeeOf={page.data.committeeOf}
              />
              <IrregularComparisons page={page.data} />
            </section>
          ) : null}

          {page.data.open && mayApprove(page.data.me) ? (
            <section className={styles.section} aria-labelledby="ahp-approve">
              <h2 id="ahp-approve" className={styles.h}>
                {t("ahp.approve.heading")}
              </h2>
              <ApproveWeights
                weightSet={page.data.open.id}
                committee={page.data.committee}
                meetings={page.data.meetings}
                onApproved={() => setApprovedNotice(t("ahp.approve.done"))}
              />
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
