/**
 * Overblik: the resource requests still waiting for an area's answer (Anmodet), oldest first,
 * each linking to Ressourcer at the request. Shown to everyone who can read the requests; the
 * card hides itself when the list cannot be read.
 */
import { Link, Text } from "@fluentui/react-components";

import { requestRoute, useOpenResourceRequests } from "../queries/resources.js";
import { DashboardCard, useListStyles } from "./DashboardCard.js";
import { useDashboardFormat } from "./format.js";

const SHOWN = 5;

export function OpenResourceRequestsCard() {
  const { t } = useDashboardFormat();
  const styles = useListStyles();
  const open = useOpenResourceRequests();
  if (open.isPending || open.isError) return null;
  const requests = open.data;
  return (
    <DashboardCard
      title={t("dashboard.resourceRequests.title")}
      testId="card-resource-requests"
      links={[{ view: "resources", label: t("dashboard.resourceRequests.link") }]}
    >
      <Text as="p">
        {requests.length === 0
          ? t("dashboard.resourceRequests.none")
          : t("dashboard.resourceRequests.count", { count: requests.length })}
      </Text>
      {requests.length > 0 ? (
        <ul className={styles.list}>
          {requests.slice(0, SHOWN).map((r) => (
            <li key={r.id} className={styles.item}>
              <Link href={requestRoute(r.id)}>{r.title}</Link>
              <Text size={200}>
                {t("dashboard.resourceRequests.line", {
                  area: r.area?.title ?? "–",
                  initiative: r.initiative?.title ?? "–",
                  hours: r.hours ?? 0,
                })}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
    </DashboardCard>
  );
}
