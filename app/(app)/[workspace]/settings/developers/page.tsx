import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { getApiKeys } from "@/app/(app)/[workspace]/_lib/queries";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("developers");
  return { title: t("title") };
}

export default async function DevelopersPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const { workspace } = await loadMemberWorkspace(slug);
  const keys = await getApiKeys(workspace.id);
  const t = await getTranslations("developers");
  const format = await getFormatter();
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone: workspace.timeZone });

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("keysTitle")}</CardTitle>
          <CardDescription>{t("keysDescription")}</CardDescription>
        </CardHeader>
        {keys.length === 0 ? (
          <CardContent>
            <EmptyState testId="api-keys-empty" icon={KeyRound} title={t("emptyTitle")} description={t("empty")} />
          </CardContent>
        ) : (
          <div className="border-t border-border">
            <Table>
              <TableCaption>{t("keysTitle")}</TableCaption>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>{t("name")}</TableHead>
                  <TableHead>{t("key")}</TableHead>
                  <TableHead className="hidden sm:table-cell">{t("created")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("lastUsed")}</TableHead>
                  <TableHead>{t("status")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {keys.map((key) => (
                  <TableRow key={key.id}>
                    <TableCell className="font-medium">{key.name}</TableCell>
                    <TableCell className="font-mono text-xs text-muted-foreground">{key.prefix}…</TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">{date(key.createdAt)}</TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">
                      {key.lastUsedAt ? date(key.lastUsedAt) : t("never")}
                    </TableCell>
                    <TableCell>
                      {key.revokedAt ? <Badge variant="muted">{t("revoked")}</Badge> : <Badge variant="success">{t("active")}</Badge>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Card>
    </>
  );
}
