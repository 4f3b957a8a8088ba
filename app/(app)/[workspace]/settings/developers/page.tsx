import { Info, KeyRound } from "lucide-react";
import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { ApiReference } from "@/components/developers/api-reference";
import { CreateApiKeyForm } from "@/components/developers/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/developers/revoke-api-key-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import { listApiKeys } from "@/lib/auth/api-keys";
import { LockedWhileViewing } from "@/components/support/locked-while-viewing";
import { can, refusal } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("developers");

/** Where this request reached the app, as the browser sees it (behind a proxy too). */
async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host")?.split(",")[0]?.trim() || list.get("host");
  if (!host) return new URL(env().NEXTAUTH_URL).origin;
  const proto = list.get("x-forwarded-proto")?.split(",")[0]?.trim() || "https";
  return `${proto}://${host}`;
}

export default async function DevelopersPage({ params }: WorkspaceParams) {
  const context = await loadMemberWorkspace(params);
  const { workspace } = context;
  // Every member may see the keys (never their secrets); only owners create and revoke them,
  // and the actions check that again on the server.
  const canManage = can(context, "manageWorkspace");
  // Support staff viewing the workspace may revoke keys but not create one (it would outlive the visit).
  const createLocked = refusal(context, "grantAccess") === "viewing_refuses_access" ? (await getTranslations("errors"))("viewing_refuses_access") : undefined;
  const [keys, origin] = await Promise.all([listApiKeys(workspace.id), requestOrigin()]);
  const t = await getTranslations("developers");
  const format = await getFormatter();
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone: workspace.timeZone });

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-6">
        <Card>
          <CardHeader>
            <CardTitle>{t("keysTitle")}</CardTitle>
            <CardDescription>{t("keysDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {canManage && createLocked ? (
              <LockedWhileViewing id="api-key-locked" reason={createLocked}>
                <CreateApiKeyForm workspaceSlug={workspace.slug} />
              </LockedWhileViewing>
            ) : canManage ? (
              <CreateApiKeyForm workspaceSlug={workspace.slug} />
            ) : (
              <Alert variant="info" data-testid="api-keys-owner-only">
                <Info aria-hidden />
                <AlertDescription>{t("ownerOnly")}</AlertDescription>
              </Alert>
            )}
          </CardContent>
          {keys.length === 0 ? (
            <CardContent>
              <EmptyState testId="api-keys-empty" icon={KeyRound} title={t("emptyTitle")} description={t("empty")} />
            </CardContent>
          ) : (
            <div className="border-t border-border">
              <Table data-testid="api-keys-table">
                <TableHeading caption={t("keysTitle")}>
                  <TableHead>{t("name")}</TableHead>
                  <TableHead className="hidden sm:table-cell">{t("key")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("created")}</TableHead>
                  <TableHead className="hidden lg:table-cell">{t("lastUsed")}</TableHead>
                  <TableHead>{t("status")}</TableHead>
                  {canManage ? (
                    <TableHead>
                      <span className="sr-only">{t("actions")}</span>
                    </TableHead>
                  ) : null}
                </TableHeading>
                <TableBody>
                  {keys.map((key) => (
                    <TableRow key={key.id} data-testid="api-key-row" data-state={key.revokedAt ? "revoked" : "active"}>
                      <TableCell>
                        <div className="grid gap-0.5">
                          <span id={`api-key-${key.id}`} className={cn("font-medium break-words", key.revokedAt && "text-muted-foreground")}>
                            {key.name}
                          </span>
                          <span className="font-mono text-xs text-muted-foreground sm:hidden">{key.prefix}…</span>
                        </div>
                      </TableCell>
                      <TableCell className="hidden font-mono text-xs whitespace-nowrap text-muted-foreground sm:table-cell">
                        {key.prefix}…
                      </TableCell>
                      <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">{date(key.createdAt)}</TableCell>
                      <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                        {key.lastUsedAt ? date(key.lastUsedAt) : t("never")}
                      </TableCell>
                      <TableCell>
                        {key.revokedAt ? (
                          <div className="grid justify-items-start gap-1">
                            <Badge variant="muted">{t("revoked")}</Badge>
                            <time dateTime={key.revokedAt.toISOString()} className="text-xs whitespace-nowrap text-muted-foreground">
                              {date(key.revokedAt)}
                            </time>
                          </div>
                        ) : (
                          <Badge variant="success">{t("active")}</Badge>
                        )}
                      </TableCell>
                      {canManage ? (
                        <TableCell className="text-right">
                          {key.revokedAt ? null : (
                            <RevokeApiKeyButton workspaceSlug={workspace.slug} keyId={key.id} describedBy={`api-key-${key.id}`} />
                          )}
                        </TableCell>
                      ) : null}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </Card>
        <ApiReference origin={origin} />
      </div>
    </>
  );
}
