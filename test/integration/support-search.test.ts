// The support console's workspace search (lib/support/search.ts) at 100,000 workspaces with
// stale statistics: each branch (name, slug, owner e-mail, id) is a range scan of its own index,
// so a search reads about as many rows as it finds, however the planner misjudges the tables.
// The figures are printed for the README and the report.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchQuery, searchWorkspaces, SEARCH_PAGE_SIZE } from "@/lib/support/search";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const WORKSPACES = 100_000;
const PREFIXES = ["Acme", "Blue", "Cedar", "Delta", "Echo", "Fern", "Gala", "Harbor", "Iris", "Jade"];

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number; Plans?: PlanNode[] };

function indexesUsed(node: PlanNode): string[] {
  return [...(node["Index Name"] ? [node["Index Name"]] : []), ...(node.Plans ?? []).flatMap(indexesUsed)];
}

function seqScans(node: PlanNode): string[] {
  return [...(node["Node Type"] === "Seq Scan" ? [node["Relation Name"]!] : []), ...(node.Plans ?? []).flatMap(seqScans)];
}

async function explain(query: string) {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number; "Planning Time": number }] }[]>(
    Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${searchQuery(query, 0)}`,
  );
  return row["QUERY PLAN"][0];
}

let known: { id: string; slug: string; email: string };

beforeAll(async () => {
  for (const table of ["Workspace", "User", "Membership"]) await db.$executeRawUnsafe(`ALTER TABLE "${table}" SET (autovacuum_enabled = false)`);
  const people = await createWorkspaceWithPeople({ name: "Zephyr 100% Real", billingAdmin: false, member: false });
  known = { id: people.workspace.id, slug: people.workspace.slug, email: people.owner.email };
  // Statistics taken while the tables hold a handful of rows…
  await db.$executeRaw`ANALYZE "Workspace"; `;
  await db.$executeRaw`ANALYZE "User"`;
  await db.$executeRaw`ANALYZE "Membership"`;
  // …then 100,000 workspaces, each with its owner, arrive unseen.
  await db.$executeRaw`
    WITH w AS (
      INSERT INTO "Workspace" (name, slug, currency, country, "timeZone", locale)
      SELECT (${PREFIXES}::text[])[1 + n % 10] || ' Trading ' || n, lower((${PREFIXES}::text[])[1 + n % 10]) || '-' || n, 'USD', 'US', 'America/New_York', 'en'
      FROM generate_series(1, ${WORKSPACES}) AS n
      RETURNING id, slug
    ), u AS (
      INSERT INTO "User" (email, name, "passwordHash")
      SELECT 'owner.' || slug || '@example.com', 'Owner', 'x' FROM w
      RETURNING id, email
    )
    INSERT INTO "Membership" ("workspaceId", "userId", role)
    SELECT w.id, u.id, 'OWNER' FROM w JOIN u ON u.email = 'owner.' || w.slug || '@example.com'`;
}, 180_000);

describe("workspace search", () => {
  it("finds by name, slug and owner e-mail prefix whatever the case, and by id", async () => {
    expect((await searchWorkspaces("ZEPHYR")).hits.map((hit) => hit.id)).toEqual([known.id]);
    expect((await searchWorkspaces(known.slug.slice(0, 8).toUpperCase())).hits.map((hit) => hit.id)).toContain(known.id);
    expect((await searchWorkspaces(known.email.toUpperCase())).hits).toMatchObject([{ id: known.id, ownerEmail: known.email }]);
    expect((await searchWorkspaces(known.id.toUpperCase())).hits.map((hit) => hit.id)).toEqual([known.id]);
    // Only prefixes: the middle of a name finds nothing.
    expect((await searchWorkspaces("Trading 4242")).hits).toEqual([]);
  });

  it("takes LIKE's characters literally and finds nothing for an empty query", async () => {
    expect((await searchWorkspaces("%")).hits).toEqual([]);
    expect((await searchWorkspaces("_")).hits).toEqual([]);
    expect((await searchWorkspaces("Zephyr 100%")).hits.map((hit) => hit.id)).toEqual([known.id]);
    expect((await searchWorkspaces("Zephyr 100_")).hits).toEqual([]);
    expect((await searchWorkspaces("   ")).hits).toEqual([]);
    expect((await searchWorkspaces("a\u0000b\ud800")).hits).toEqual([]);
  });

  it("pages by name: 20 a page, and says when more follow", async () => {
    const first = await searchWorkspaces("iris trading 1", 0);
    const second = await searchWorkspaces("iris trading 1", 1);
    expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.more).toBe(true);
    expect(second.hits[0].name > first.hits[SEARCH_PAGE_SIZE - 1].name).toBe(true);
    expect(new Set([...first.hits, ...second.hits].map((hit) => hit.id)).size).toBe(SEARCH_PAGE_SIZE * 2);
  });

  it("is a few index range scans at 100,000 workspaces with stale statistics", async () => {
    const figures: string[] = [];
    for (const query of ["acme trading 12345", "owner.delta-777", "cedar", known.id, "zzz-nothing"]) {
      const plan = await explain(query);
      const used = indexesUsed(plan.Plan);
      figures.push(`${JSON.stringify(query)}: ${plan["Execution Time"].toFixed(2)} ms (planning ${plan["Planning Time"].toFixed(2)} ms), rows ${plan.Plan["Actual Rows"]}`);
      expect(seqScans(plan.Plan), query).toEqual([]);
      expect(used, query).toEqual(expect.arrayContaining(["Workspace_name_lower_prefix_idx", "Workspace_slug_prefix_idx", "User_email_prefix_idx"]));
    }
    console.log(`support search at ${WORKSPACES} workspaces, stale statistics:\n  ${figures.join("\n  ")}`);
  });
});
