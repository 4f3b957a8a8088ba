import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { PageHeader } from "@/components/app/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getMembers } from "@/lib/workspaces/members";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("title") };
}

export default async function MembersPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const { workspace, user } = await loadMemberWorkspace(slug);
  const members = await getMembers(workspace.id);
  const t = await getTranslations("members");
  const roles = await getTranslations("roles");
  const format = await getFormatter();

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("listTitle", { count: members.length })}</CardTitle>
          <CardDescription>{t("rolesHint")}</CardDescription>
        </CardHeader>
        <div className="border-t border-border">
          <Table data-testid="members-table">
            <TableCaption>{t("title")}</TableCaption>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t("name")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("email")}</TableHead>
                <TableHead>{t("role")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("joined")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((member) => (
                <TableRow key={member.id}>
                  <TableCell>
                    <div className="grid gap-0.5">
                      <span className="flex flex-wrap items-center gap-2 font-medium">
                        {member.user.name}
                        {member.user.id === user.id ? <Badge variant="muted">{t("you")}</Badge> : null}
                      </span>
                      <span className="text-xs break-all text-muted-foreground sm:hidden">{member.user.email}</span>
                    </div>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{member.user.email}</TableCell>
                  <TableCell>
                    <Badge variant={member.role === "MEMBER" ? "outline" : "default"}>{roles(member.role)}</Badge>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                    {format.dateTime(member.createdAt, { dateStyle: "medium", timeZone: workspace.timeZone })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </Card>
    </>
  );
}
