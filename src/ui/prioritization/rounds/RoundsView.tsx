/**
 * Prioriteringsrunder (issue 5 §2). `#/prioritering/runder`: the rounds, and for the secretary
 * and the chair a form to open one. `#/prioritering/runder/<id>`: the member's ballot, turnout,
 * and after close the results.
 */
import { Link, makeStyles, Text, tokens } from "@fluentui/react-components";

import { mayManageRounds } from "../../../use-cases/rounds.js";
import { QueryBoundary } from "../../components/QueryBoundary.js";
import { Stack } from "../../components/Stack.js";
import { useRoundsPage } from "../../queries/prioritization.js";
import { hrefForPrioritization } from "../../shell/routes.js";
import { useRoundFormat } from "./format.js";
import { OpenRoundForm } from "./OpenRoundForm.js";
import { RoundPage } from "./RoundPage.js";

const useStyles = makeStyles({
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
    <Stack as="section" gap="l" aria-labelledby="view-title" aria-busy={page.isPending}>
      <h1 id="view-title" className={styles.heading}>
        <Text as="span" size={700} weight="semibold">
          {t("rounds.title")}
        </Text>
      </h1>
      <QueryBoundary
        query={page}
        loadingLabel={t("rounds.loading")}
        errorTitle={t("rounds.loadError")}
        isEmpty={() => false}
      >
        {(data) => (
          <>
            <section aria-labelledby="rounds-list">
              <h2 id="rounds-list">{t("rounds.listHeading")}</h2>
              {data.rounds.length === 0 ? (
                <Text>{t("rounds.none")}</Text>
              ) : (
                <ul className={styles.list}>
                  {data.rounds.map((r) => (
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
            {mayManageRounds(data.me) && (
              <OpenRoundForm ready={data.ready} weightSets={data.weightSets} />
            )}
          </>
        )}
      </QueryBoundary>
    </Stack>
  );
}
