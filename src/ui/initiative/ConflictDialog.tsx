/**
 * Someone else saved the initiative while I was editing it (issue 4 §7): both versions side
 * by side, field by field, the fields that differ marked in words (not by colour alone), who
 * saved the stored version and when. Choices: keep mine (save again over the stored version),
 * use the stored one (discard mine), or cancel (keep editing). Never a silent overwrite.
 */
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo } from "react";

import type { EditConflict } from "../../domain/conflicts.js";
import type { Initiative } from "../../domain/portfolio.js";
import { DataTable, Stack } from "../components/index.js";
import { useFieldValue } from "./field-values.js";
import { useInitiativeFormat } from "./useInitiative.js";

const useStyles = makeStyles({
  surface: { maxWidth: "min(64rem, 95vw)" },
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  // A long value scrolls inside its cell (the rows have one height).
  value: {
    display: "block",
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    maxHeight: "4rem",
    overflowY: "auto",
  },
  differs: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    paddingInline: tokens.spacingHorizontalXS,
  },
});

export interface ConflictDialogProps<K extends keyof Initiative> {
  conflict: EditConflict<K>;
  busy: boolean;
  onKeepMine: () => void;
  onUseStored: () => void;
  onCancel: () => void;
}

export function ConflictDialog<K extends keyof Initiative>(props: ConflictDialogProps<K>) {
  const { t, dateTime } = useInitiativeFormat();
  const styles = useStyles();
  const value = useFieldValue();
  const { conflict } = props;
  // The fields that differ come first, so they are in view when the dialog opens (the table
  // scrolls); the others keep the form's order below them.
  const fields = useMemo(
    () => [...conflict.fields].sort((a, b) => Number(b.differs) - Number(a.differs)),
    [conflict.fields],
  );
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_e, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t("initiative.conflict.title")}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text as="p">
              {t("initiative.conflict.intro", {
                who: conflict.storedBy?.name ?? t("initiative.unknownPerson"),
                when: dateTime(conflict.storedAt),
              })}
            </Text>
            <Text as="p" weight="semibold">
              {conflict.differing.length === 0
                ? t("initiative.conflict.noneDiffer")
                : t("initiative.conflict.differing", { count: conflict.differing.length })}
            </Text>
            <DataTable
              label={t("initiative.conflict.table")}
              rows={fields}
              rowKey={(d) => String(d.field)}
              rowHeight={72}
              height="min(50vh, 28rem)"
              columns={[
                {
                  key: "field",
                  header: t("initiative.conflict.field"),
                  minWidth: 10,
                  cell: (d) => (
                    <Stack
                      gap="xxs"
                      align="start"
                      className={d.differs ? styles.differs : undefined}
                      data-differs={d.differs ? "true" : "false"}
                    >
                      <Text weight={d.differs ? "semibold" : "regular"}>
                        {t(`initiative.fields.${String(d.field)}`)}
                      </Text>
                      {d.differs ? (
                        <Badge appearance="outline" color="warning">
                          {t("initiative.conflict.differs")}
                        </Badge>
                      ) : null}
                    </Stack>
                  ),
                  sortValue: (d) => (d.differs ? 0 : 1),
                },
                {
                  key: "mine",
                  header: t("initiative.conflict.mine"),
                  minWidth: 14,
                  grow: 2,
                  cell: (d) => <span className={styles.value}>{value(d.field, d.mine)}</span>,
                },
                {
                  key: "stored",
                  header: t("initiative.conflict.stored", {
                    who: conflict.storedBy?.name ?? t("initiative.unknownPerson"),
                  }),
                  minWidth: 14,
                  grow: 2,
                  cell: (d) => <span className={styles.value}>{value(d.field, d.stored)}</span>,
                },
              ]}
            />
            <Text as="p">{t("initiative.conflict.explain")}</Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={props.busy} onClick={props.onKeepMine}>
              {t("initiative.conflict.keepMine")}
            </Button>
            <Button disabled={props.busy} onClick={props.onUseStored}>
              {t("initiative.conflict.useStored")}
            </Button>
            <Button disabled={props.busy} onClick={props.onCancel}>
              {t("initiative.conflict.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
