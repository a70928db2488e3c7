/**
 * Nyt forslag (issue 4 §1): the intake form for anyone on the site (Bidragydere and every other
 * role), the user's own drafts, and continuing a saved draft at `#/portefolje/nyt/<id>`.
 */
import { Link, makeStyles, Spinner, Text } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { emptyIntake } from "../../domain/intake.js";
import { ProblemMessage, Stack, StoreErrorMessage } from "../components/index.js";
import { useDraft, useIntakeAreas, useIntakeContext } from "../queries/intake.js";
import { useMe } from "../queries/useMe.js";
import { hrefForPage } from "../shell/routes.js";
import { IntakeForm } from "./IntakeForm.js";
import { MyDrafts } from "./MyDrafts.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  intro: { margin: 0, maxWidth: "48rem" },
});

export default function IntakeView({ draft }: { draft: number | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const context = useIntakeContext();
  const areas = useIntakeAreas();
  const saved = useDraft(draft);
  const [resetKey, setResetKey] = useState(0);

  const setup = [me, context, areas];
  const failed = setup.find((q) => q.isError);
  let content;
  if (failed) {
    content = (
      <StoreErrorMessage
        error={failed.error}
        title={t("intake.loadError")}
        onRetry={() => setup.forEach((q) => void q.refetch())}
      />
    );
  } else if (saved.isError) {
    content = (
      <>
        <StoreErrorMessage
          error={saved.error}
          title={t("intake.draftLoadError")}
          onRetry={() => void saved.refetch()}
        />
        <Link href={hrefForPage("intake")}>{t("intake.startNew")}</Link>
      </>
    );
  } else if (saved.data && !saved.data.ok) {
    content = (
      <>
        <ProblemMessage problems={[saved.data.error]} title={t("intake.draftLoadError")} />
        <Link href={hrefForPage("intake")}>{t("intake.startNew")}</Link>
      </>
    );
  } else if (!me.data || !context.data || !areas.data || (draft !== null && !saved.data)) {
    content = <Spinner label={t(draft === null ? "intake.loading" : "intake.loadingDraft")} />;
  } else {
    const loaded = saved.data?.ok ? saved.data.value : undefined;
    content = (
      <IntakeForm
        key={`${draft ?? "new"}:${resetKey}`}
        initial={loaded?.draft ?? emptyIntake(me.data.person)}
        draftRef={loaded ? { id: loaded.item.id, version: loaded.item.version } : null}
        ctx={context.data}
        areas={areas.data}
        onReload={() => {
          void saved.refetch().then(() => setResetKey((k) => k + 1));
        }}
      />
    );
  }

  return (
    <Stack as="section" gap="l" aria-labelledby="view-title">
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t(draft === null ? "intake.title" : "intake.titleDraft")}
        </Text>
      </h1>
      <Text as="p" className={styles.intro}>
        {t("intake.intro")}
      </Text>
      <MyDrafts current={draft} />
      {content}
    </Stack>
  );
}
