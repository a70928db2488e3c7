/**
 * Prioriteringsrunder (issue 5 §2). `#/prioritering/runder`: the rounds, and for the secretary
 * and the chair a form to open one. `#/prioritering/runder/<id>`: the member's ballot, turnout,
 * and after close the results.
 */
import { Link, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";

import { mayManageRounds } from "../../../use-cases/rounds.js";
import { StoreErrorMessage } from "../../components/StoreErrorMessage.js";
import { useRoundsPage } from "../../queries/prioritization.js";
import { hrefForPrioritization } from "../../shell/routes.js";
import { useRoundFormat } from "./format.js";
import { OpenRoundForm } from "./OpenRoundForm.js";
import { RoundPage } from "./RoundPage.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export default function RoundsView({ id }: { id: number | null }) {
  return id === null ? <RoundsList /> : <RoundPage id={id} />;
}

function RoundsList() {
  const styles = useStyles();
  const { t, date } = useRoundFormat();
  const page = useRoundsPage();
  return (
    <section className={styles.root} aria-labelledby="view-title" aria-busy={page.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("rounds.title")}
        </Text>
      </h1>
      {page.isPending ? (
        <Spinner label={t("rounds.loading")} />
      ) : page.isError ? (
        <StoreErrorMessage
          error={page.error}
          title={t("rounds.loadError")}
          onRetry={() => void page.refetch()}
        />
      ) : (
        <>
          <section aria-labelledby="rounds-list">
            <h2 id="rounds-list">{t("rounds.listHeading")}</h2>
            {page.data.rounds.length === 0 ? (
              <Text>{t("rounds.none")}</Text>
            ) : (
              <ul className={styles.list}>
                {page.data.rounds.map((r) => (
                  <li key={r.id}>
                    <Link href={hrefForPrioritization("rounds", r.id)}>{r.title}</Link>{" "}
                    <Text>
                      {t("rounds.listLine", {
                        method: t(`rounds.methods.${r.method}`),
                        state: t(`rounds.states.${r.state}`),
                        closes: date(r.closes) ?? t("rounds.noDate"),
                      })}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {mayManageRounds(page.data.me) && (
            <OpenRoundForm ready={page.data.ready} weightSets={page.data.weightSets} />
          )}
        </>
      )}
    </section>
  );
}
