import { getFormatter, getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { PageHeader } from "@/components/app/page-header";
import { InviteForm } from "@/components/members/invite-form";
import { MemberActions, RevokeInvitationButton } from "@/components/members/member-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import { can, refusal } from "@/lib/auth/roles";
import { listPendingInvitations } from "@/lib/workspaces/invitations";
import { getMembers } from "@/lib/workspaces/members";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("members");

export default async function MembersPage({ params }: WorkspaceParams) {
  const context = await loadMemberWorkspace(params);
  const { workspace, user } = context;
  // Inviting is a lasting way in (grantAccess: owners, not staff viewing); roles, removal and
  // revoking are owners' settings (manageWorkspace). The actions check both again.
  const inviteRefusal = refusal(context, "grantAccess");
  const canManage = can(context, "manageWorkspace");
  const [members, invitations] = await Promise.all([getMembers(workspace.id), canManage ? listPendingInvitations(workspace.id) : []]);
  const t = await getTranslations("members");
  const roles = await getTranslations("roles");
  const format = await getFormatter();
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone: workspace.timeZone });

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <div className="grid gap-6">
        {canManage ? (
          <Card data-testid="invite-card">
            <CardHeader>
              <CardTitle>{t("inviteTitle")}</CardTitle>
              <CardDescription>{t("inviteDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              {inviteRefusal === null ? (
                <InviteForm workspaceSlug={workspace.slug} />
              ) : (
                <p className="text-sm text-muted-foreground" data-testid="invite-refused">
                  {inviteRefusal === "viewing_refuses_access" ? t("inviteViewing") : t("inviteOwnersOnly")}
                </p>
              )}
            </CardContent>
          </Card>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>{t("listTitle", { count: members.length })}</CardTitle>
            <CardDescription>{t("rolesHint")}</CardDescription>
          </CardHeader>
          <div className="border-t border-border">
            <Table data-testid="members-table">
              <TableHeading caption={t("title")}>
                <TableHead>{t("name")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("email")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("joined")}</TableHead>
                <TableHead className={canManage ? "text-right" : undefined}>{t("role")}</TableHead>
              </TableHeading>
              <TableBody>
                {members.map((member) => (
                  <TableRow key={member.id} data-testid="member-row" data-email={member.user.email}>
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
                    <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">{date(member.createdAt)}</TableCell>
                    <TableCell className={canManage ? "text-right" : undefined}>
                      {canManage ? (
                        <MemberActions workspaceSlug={workspace.slug} membershipId={member.id} name={member.user.name} role={member.role} />
                      ) : (
                        <Badge variant={member.role === "MEMBER" ? "outline" : "default"} data-testid="member-role-badge">
                          {roles(member.role)}
                        </Badge>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </Card>

        {canManage ? (
          <Card data-testid="pending-invitations">
            <CardHeader>
              <CardTitle>{t("pendingTitle")}</CardTitle>
              {invitations.length === 0 ? <CardDescription>{t("pendingEmpty")}</CardDescription> : null}
            </CardHeader>
            {invitations.length > 0 ? (
              <div className="border-t border-border">
                <Table>
                  <TableHeading caption={t("pendingTitle")}>
                    <TableHead>{t("email")}</TableHead>
                    <TableHead className="hidden sm:table-cell">{t("role")}</TableHead>
                    <TableHead className="hidden sm:table-cell">{t("expires")}</TableHead>
                    <TableHead className="text-right">
                      <span className="sr-only">{t("actions")}</span>
                    </TableHead>
                  </TableHeading>
                  <TableBody>
                    {invitations.map((invitation) => (
                      <TableRow key={invitation.id} data-testid="invitation-row">
                        <TableCell>
                          <div className="grid gap-0.5">
                            <span className="break-all">{invitation.email}</span>
                            {/* Under 640 px the role folds under the address. */}
                            <span className="text-xs text-muted-foreground sm:hidden">{roles(invitation.role)}</span>
                          </div>
                        </TableCell>
                        <TableCell className="hidden sm:table-cell">{roles(invitation.role)}</TableCell>
                        <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">{date(invitation.expiresAt)}</TableCell>
                        <TableCell className="text-right">
                          <RevokeInvitationButton workspaceSlug={workspace.slug} invitationId={invitation.id} email={invitation.email} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            ) : null}
          </Card>
        ) : null}
      </div>
    </>
  );
}
