/**
 * The initiative page (`#/initiativ/<id>`, issue 4 §3): all its data, the lifecycle panel,
 * phase history, decisions and agenda points, status reports, budget, benefits, resources and
 * the comment thread. The secretary, the chair and the initiative's owner edit its fields; a
 * save that meets someone else's newer version opens the conflict dialog (§7).
 */
import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";

import { isStoreError } from "../../domain/errors.js";
import { ownsInitiative } from "../../domain/lifecycle.js";
import { hasRole } from "../../domain/roles.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { AllocationGridSection } from "../resources/AllocationGridSection.js";
import { hrefFor } from "../shell/routes.js";
import { BarriersSection } from "./BarriersSection.js";
import { CommentThread } from "./CommentThread.js";
import { EditForm } from "./EditForm.js";
import { InitiativeBenefits } from "./InitiativeBenefits.js";
import { LifecyclePanel } from "./LifecyclePanel.js";
import {
  BenefitsSection,
  BudgetSection,
  DecisionsSection,
  DetailsSection,
  IrregularitiesSection,
  PhaseHistorySection,
  ResourcesSection,
  StatusReportsSection,
} from "./Sections.js";
import { useInitiativeFormat, useInitiativeMe, useInitiativePage } from "./useInitiative.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 28rem), 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
});

export default function InitiativeView({ id }: { id: number }) {
  const { t } = useInitiativeFormat();
  const styles = useStyles();
  const page = useInitiativePage(id);
  const me = useInitiativeMe();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const pending = page.isPending || me.isPending;
  const heading =
    page.data !== undefined
      ? t("initiative.titleWithName", { id, title: page.data.initiative.title })
      : t("initiative.title", { id });

  const body = () => {
    if (pending) return <Spinner label={t("initiative.loading")} />;
    if (page.isError && isStoreError(page.error, "NotFound")) {
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("initiative.notFound.title")}</MessageBarTitle>
            {t("initiative.notFound.body", { id })}{" "}
            <Link href={hrefFor("portfolio")}>{t("initiative.notFound.back")}</Link>
          </MessageBarBody>
        </MessageBar>
      );
    }
    if (page.isError || me.isError) {
      return (
        <StoreErrorMessage
          title={t("initiative.loadFailed")}
          error={page.error ?? me.error}
          onRetry={() => {
            void page.refetch();
            void me.refetch();
          }}
        />
      );
    }
    const data = page.data;
    const user = me.data;
    if (!data || !user) return null;
    const mayEdit =
      hasRole(user, "secretary") || hasRole(user, "chair") || ownsInitiative(data.initiative, user);
    return (
      <>
        <div className={styles.row}>
          <Link href={hrefFor("portfolio")}>{t("initiative.back")}</Link>
          {mayEdit && !editing ? (
            <Button
              appearance="primary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t("initiative.edit")}
            </Button>
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {saved ? <Text>{t("initiative.saved")}</Text> : null}
        </div>
        {editing ? (
          <EditForm
            initiative={data.initiative}
            maySetGates={hasRole(user, "secretary") || hasRole(user, "chair")}
            onClose={(didSave) => {
              setEditing(false);
              setSaved(didSave);
            }}
          />
        ) : (
          <DetailsSection initiative={data.initiative} />
        )}
        <LifecyclePanel page={data} me={user} />
        {hasRole(user, "secretary") || hasRole(user, "chair") ? (
          <IrregularitiesSection page={data} />
        ) : null}
        <BarriersSection initiative={data.initiative.id} />
        <PhaseHistorySection page={data} />
        <div className={styles.grid}>
          <DecisionsSection page={data} />
          <StatusReportsSection page={data} />
          <BudgetSection page={data} />
          <BenefitsSection page={data} />
        </div>
        <InitiativeBenefits page={data} />
        <ResourcesSection page={data} />
        <AllocationGridSection initiative={data.initiative} />
        <CommentThread initiative={data.initiative} me={user} />
      </>
    );
  };

  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={pending}>
      <div className={styles.header}>
        <h1 id="view-title" className={styles.heading}>
          <Text as="span" size={700} weight="semibold">
            {heading}
          </Text>
        </h1>
      </div>
      {body()}
    </section>
  );
}
