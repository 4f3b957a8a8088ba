import { CreditCard, FlaskConical, Info } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/app/empty-state";
import { AddCardPanel } from "@/components/billing/add-card-panel";
import { CardActions } from "@/components/billing/card-actions";
import { brandName, expiry, fundingKey, isExpired } from "@/lib/payments/card-brand";
import { CardBrandMark } from "@/components/payments/card-brand-mark";
import type { CardSummary, PaymentsClientConfig, TestCardOption } from "@/components/payments/types";
import { LockedWhileViewing } from "@/components/support/locked-while-viewing";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * The workspace's cards: brand, last 4, expiry, funding, which one is the default. Owners and
 * billing admins add, remove and choose the default; members only see them.
 */
export async function PaymentMethodsCard({
  workspaceSlug,
  cards,
  canManage,
  config,
  testCards,
  locked,
}: {
  workspaceSlug: string;
  cards: CardSummary[];
  canManage: boolean;
  /** Why the controls are disabled (support staff viewing): they show, disabled, with this beside them. */
  locked?: string;
  config: PaymentsClientConfig;
  testCards: TestCardOption[];
}) {
  const t = await getTranslations("paymentMethods");
  const now = new Date();

  return (
    <Card id="payment-methods" className="flex scroll-mt-24 flex-col" data-testid="payment-methods-card">
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle>{t("title")}</CardTitle>
          {config.testMode ? (
            <Badge variant="warning" title={t("testModeTitle")}>
              <FlaskConical aria-hidden />
              {t("testMode")}
            </Badge>
          ) : null}
        </div>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid flex-1 content-start gap-4">
        {cards.length === 0 ? (
          <EmptyState testId="payment-methods-empty" icon={CreditCard} title={t("emptyTitle")} description={t("empty")} />
        ) : (
          <ul className="grid gap-2" data-testid="payment-methods">
            {cards.map((card) => {
              const name = t("cardName", { brand: brandName(card.brand), last4: card.last4 });
              const expired = isExpired(card.expMonth, card.expYear, now);
              return (
                <li
                  key={card.id}
                  data-testid="payment-method"
                  data-last4={card.last4}
                  data-default={card.isDefault ? "true" : "false"}
                  className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-border px-3 py-3 sm:px-4"
                >
                  <CardBrandMark brand={card.brand} />
                  <div className="grid min-w-0 flex-1 gap-1">
                    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <span className="font-medium">{name}</span>
                      {card.isDefault ? <Badge variant="default">{t("default")}</Badge> : null}
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      <span className={expired ? "font-medium text-destructive" : undefined}>
                        {expired
                          ? t("expired", { date: expiry(card.expMonth, card.expYear) })
                          : t("expires", { date: expiry(card.expMonth, card.expYear) })}
                      </span>
                      <Badge variant="muted">{t(`funding.${fundingKey(card.funding)}`)}</Badge>
                    </div>
                  </div>
                  {canManage ? (
                    <div className="ml-auto">
                      {locked ? (
                        <LockedWhileViewing id={`card-locked-${card.id}`} reason={locked}>
                          <CardActions workspaceSlug={workspaceSlug} cardId={card.id} isDefault={card.isDefault} label={name} />
                        </LockedWhileViewing>
                      ) : (
                        <CardActions workspaceSlug={workspaceSlug} cardId={card.id} isDefault={card.isDefault} label={name} />
                      )}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {canManage && locked ? (
          <LockedWhileViewing id="add-card-locked" reason={locked}>
            <AddCardPanel workspaceSlug={workspaceSlug} config={config} testCards={[]} hasCards={cards.length > 0} />
          </LockedWhileViewing>
        ) : canManage ? (
          <AddCardPanel workspaceSlug={workspaceSlug} config={config} testCards={testCards} hasCards={cards.length > 0} />
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="payment-methods-read-only">
            {t("readOnly")}
          </p>
        )}
      </CardContent>
      <CardFooter className="items-start text-xs text-muted-foreground">
        <Info aria-hidden className="mt-px size-4 shrink-0" />
        <p data-testid="usage-only-note">{t("usageOnly")}</p>
      </CardFooter>
    </Card>
  );
}
