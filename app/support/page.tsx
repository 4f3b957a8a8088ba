import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { loadStaff } from "@/app/support/_lib/staff";
import { PageHeader } from "@/components/app/page-header";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import { searchWorkspaces } from "@/lib/support/search";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("support");

const searchParamsSchema = z.object({
  q: z.string().max(254).catch("").default(""),
  page: z.coerce.number().int().min(0).max(10_000).catch(0).default(0),
});

/** The console's front page: find a workspace by name, slug, owner e-mail or id. */
export default async function SupportSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await loadStaff();
  const raw = await searchParams;
  const { q, page } = searchParamsSchema.parse({ q: typeof raw.q === "string" ? raw.q : undefined, page: typeof raw.page === "string" ? raw.page : undefined });
  const t = await getTranslations("support.search");
  const format = await getFormatter();
  const { hits, more } = await searchWorkspaces(q, page);
  const pageHref = (to: number) => `/support?${new URLSearchParams({ q, page: String(to) })}`;

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <CardContent className="pt-6">
          <form role="search" action="/support" method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="grid flex-1 gap-2">
              <Label htmlFor="q">{t("label")}</Label>
              <Input id="q" name="q" type="search" defaultValue={q} placeholder={t("placeholder")} autoComplete="off" maxLength={254} aria-describedby="q-hint" />
              <p id="q-hint" className="text-xs text-muted-foreground">
                {t("hint")}
              </p>
            </div>
            <Button type="submit" className="sm:mb-6">
              {t("submit")}
            </Button>
          </form>
        </CardContent>
      </Card>

      {q.trim() === "" ? null : hits.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="search-empty" role="status">
          {t("none", { query: q })}
        </p>
      ) : (
        <Card>
          <Table data-testid="search-results">
            <TableHeading caption={t("resultsCaption", { query: q })}>
              <TableHead>{t("workspace")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("owner")}</TableHead>
              <TableHead>{t("currency")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("created")}</TableHead>
            </TableHeading>
            <TableBody>
              {hits.map((hit) => (
                <TableRow key={hit.id} data-testid="search-result">
                  <TableCell>
                    <div className="grid gap-0.5">
                      <Link href={`/support/workspaces/${hit.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                        {hit.name}
                      </Link>
                      <span className="font-mono text-xs text-muted-foreground">{hit.slug}</span>
                      <span className="text-xs break-all text-muted-foreground sm:hidden">{hit.ownerEmail}</span>
                    </div>
                  </TableCell>
                  <TableCell className="hidden break-all text-muted-foreground sm:table-cell">{hit.ownerEmail ?? "—"}</TableCell>
                  <TableCell>
                    <Badge variant="outline" className="font-mono">
                      {hit.currency}
                    </Badge>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                    {format.dateTime(hit.createdAt, { dateStyle: "medium" })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {page > 0 || more ? (
            <nav aria-label={t("pages")} className="flex items-center justify-between gap-2 border-t border-border px-4 py-3">
              {page > 0 ? (
                <Link href={pageHref(page - 1)} className={buttonVariants({ variant: "outline", size: "sm" })}>
                  {t("previous")}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-xs text-muted-foreground">{t("page", { page: page + 1 })}</span>
              {more ? (
                <Link href={pageHref(page + 1)} className={buttonVariants({ variant: "outline", size: "sm" })}>
                  {t("next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </Card>
      )}
    </>
  );
}
