import { ArrowLeft, Inbox } from "lucide-react";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { homeFor, outboxEnabled } from "@/app/outbox/_lib/outbox";
import { EmptyState } from "@/components/app/empty-state";
import { Logo } from "@/components/brand/logo";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { listOutboxFor } from "@/lib/mail/outbox";
import { pageTitle } from "@/lib/i18n/page-title";

const LIMIT = 100;

export const generateMetadata = pageTitle("outbox");

/**
 * The local mail outbox: with no SMTP_URL, e-mails (receipts, auto-recharge alerts, summaries)
 * are only stored, and this page lets a developer read them. With SMTP configured it is a 404.
 */
export default async function OutboxPage() {
  await connection();
  if (!outboxEnabled()) notFound();
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent("/outbox")}`);

  const [messages, back] = await Promise.all([listOutboxFor(user, LIMIT), homeFor(user)]);
  const t = await getTranslations("outbox");
  const common = await getTranslations("common");
  const format = await getFormatter();

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-30 flex h-16 items-center justify-between gap-3 border-b border-border bg-card/95 px-4 backdrop-blur sm:px-8">
        <Logo name={common("appName")} />
        <LocaleSwitcher />
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 lg:py-8">
        <Link
          href={back}
          className="mb-4 inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t("back")}
        </Link>
        <div className="mb-6 grid gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight sm:text-[1.7rem]">{t("title")}</h1>
            <Badge variant="warning">{t("localOnly")}</Badge>
          </div>
          <p className="max-w-2xl text-sm text-muted-foreground sm:text-base">
            {user.platformRole ? t("descriptionStaff", { limit: LIMIT }) : t("description", { limit: LIMIT })}
          </p>
        </div>

        {messages.length === 0 ? (
          <EmptyState testId="outbox-empty" icon={Inbox} title={t("emptyTitle")} description={t("empty")} />
        ) : (
          <ul className="grid gap-3" data-testid="outbox">
            {messages.map((message) => {
              const timeZone = message.workspace?.timeZone ?? "UTC";
              return (
                <li key={message.id}>
                  <Card className="overflow-hidden" data-testid="outbox-message" data-kind={message.kind}>
                    <details className="group">
                      <summary className="grid cursor-pointer list-none gap-1.5 px-4 py-3 hover:bg-muted/50 sm:px-5 [&::-webkit-details-marker]:hidden">
                        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                          <span className="font-medium">{message.subject}</span>
                          <time dateTime={message.createdAt.toISOString()} className="text-xs whitespace-nowrap text-muted-foreground">
                            {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
                          </time>
                        </div>
                        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                          <span>{t("to", { to: message.to })}</span>
                          <Badge variant="muted" className="font-mono">
                            {message.kind}
                          </Badge>
                          {message.workspace ? <Badge variant="outline">{message.workspace.name}</Badge> : null}
                          <span className="ml-auto text-primary group-open:hidden">{t("show")}</span>
                          <span className="ml-auto hidden text-primary group-open:inline">{t("hide")}</span>
                        </div>
                      </summary>
                      <div className="grid gap-3 border-t border-border bg-muted/30 px-4 py-4 sm:px-5">
                        <pre data-testid="outbox-text" className="overflow-x-auto font-sans text-sm whitespace-pre-wrap break-words">
                          {message.text}
                        </pre>
                        {message.html ? (
                          <details>
                            <summary className="cursor-pointer text-sm font-medium text-primary">{t("html")}</summary>
                            {/* Our own e-mail's HTML, in a sandbox without scripts, as a mail client would show it. */}
                            <iframe
                              title={t("htmlTitle", { subject: message.subject })}
                              sandbox=""
                              srcDoc={message.html}
                              className="mt-2 h-96 w-full rounded-md border border-border bg-white"
                            />
                          </details>
                        ) : null}
                      </div>
                    </details>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </main>
    </div>
  );
}
