/**
 * Mine kladder: the signed-in user's saved intake drafts (PersonalItems has item-level security,
 * so only their own), each to continue (`#/portefolje/nyt/<id>`) or delete after a confirmation.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Delete16Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { languageFromLocale } from "../../domain/language.js";
import type { PersonalItem } from "../../domain/personal.js";
import { QueryBoundary, Stack, StoreErrorMessage } from "../components/index.js";
import { formatDate } from "../i18n/format.js";
import { useMyDrafts, useRemoveDraft } from "../queries/intake.js";
import { hrefForPage } from "../shell/routes.js";

const useStyles = makeStyles({
  heading: { margin: 0 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gap: tokens.spacingVerticalXS,
  },
  item: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  when: { color: tokens.colorNeutralForeground3 },
});

export function MyDrafts({ current }: { current: number | null }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const drafts = useMyDrafts();
  const [confirming, setConfirming] = useState<PersonalItem | null>(null);
  const [deleted, setDeleted] = useState("");
  const language = languageFromLocale(i18n.language);

  const removal = useRemoveDraft();
  const remove = {
    ...removal,
    mutate: (item: PersonalItem) =>
      removal.mutate(item, {
        onSuccess: () => {
          setConfirming(null);
          setDeleted(t("intake.drafts.deleted", { title: item.title }));
          if (item.id === current) window.location.hash = hrefForPage("intake");
        },
        onError: () => setConfirming(null),
      }),
  };

  return (
    <Stack as="section" gap="s" aria-labelledby="intake-drafts-title">
      <h2 id="intake-drafts-title" className={styles.heading}>
        <Text as="span" size={500} weight="semibold">
          {t("intake.drafts.title")}
        </Text>
      </h2>
      <QueryBoundary
        query={drafts}
        loadingLabel={t("intake.drafts.loading")}
        errorTitle={t("intake.drafts.loadError")}
        empty={t("intake.drafts.none")}
      >
        {(list) => (
          <ul className={styles.list}>
            {list.map((item) => (
              <li key={item.id} className={styles.item}>
                <Link
                  href={hrefForPage("intake", item.id)}
                  aria-current={item.id === current ? "page" : undefined}
                >
                  {item.title}
                </Link>
                {item.id === current ? <Text>{t("intake.drafts.current")}</Text> : null}
                <Text size={200} className={styles.when}>
                  {t("intake.drafts.saved", {
                    when: formatDate(item.modified, language, "dateTime"),
                  })}
                </Text>
                <Button
                  size="small"
                  icon={<Delete16Regular />}
                  aria-label={t("intake.drafts.deleteLabel", { title: item.title })}
                  onClick={() => setConfirming(item)}
                >
                  {t("intake.drafts.delete")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryBoundary>
      {remove.isError ? (
        <StoreErrorMessage error={remove.error} title={t("intake.drafts.deleteError")} />
      ) : null}
      <div role="status">{deleted}</div>
      <Dialog
        open={confirming !== null}
        onOpenChange={(_e, data) => {
          if (!data.open) setConfirming(null);
        }}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t("intake.drafts.confirmTitle")}</DialogTitle>
            <DialogContent>
              {t("intake.drafts.confirmBody", { title: confirming?.title ?? "" })}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabledFocusable={remove.isPending}
                onClick={() => confirming && remove.mutate(confirming)}
              >
                {t("intake.drafts.confirm")}
              </Button>
              <Button onClick={() => setConfirming(null)}>{t("intake.drafts.cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Stack>
  );
}
