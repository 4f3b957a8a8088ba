import { ArrowRight, Bot, Mail, MessageCircle, MessageSquareText, Phone, PhoneCall, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { PageHeader } from "@/components/app/page-header";
import { WhatsappApiForm } from "@/components/channels/whatsapp-api-form";
import { WhatsappCallingToggle } from "@/components/channels/whatsapp-calling-toggle";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { channelState, whatsappTrialOnOffer, type ChannelState } from "@/lib/channels/availability";
import { whatsappApiView } from "@/lib/channels/whatsapp-api";
import { getWalletOverview } from "@/lib/wallet/view";
import { listCards } from "@/lib/payments/cards";
import { formatMoney } from "@/lib/money";
import { CHANNELS, type Channel } from "@/lib/rating/channels";
import { getCurrencyPlan, loadPriceBook } from "@/lib/rating/prices";
import { pageTitle } from "@/lib/i18n/page-title";

const ICONS: Record<Channel, LucideIcon> = {
  sms: MessageSquareText,
  whatsapp: MessageCircle,
  email: Mail,
  voice_call: Phone,
  whatsapp_call: PhoneCall,
  ai_voice: Bot,
};

const STATE_BADGE: Record<ChannelState, "success" | "warning" | "muted"> = {
  active: "success",
  needs_payment_method: "warning",
  needs_whatsapp_setup: "warning",
  off: "muted",
};

export const generateMetadata = pageTitle("channels");

export default async function ChannelsPage({ params }: WorkspaceParams) {
  const access = await loadMemberWorkspace(params);
  const { workspace } = access;
  // The channel flags are on the workspace row requireWorkspace already read for this request.
  const [wallet, plan, priceBook, cards] = await Promise.all([
    getWalletOverview(workspace.id),
    getCurrencyPlan(workspace.currency),
    loadPriceBook(workspace.currency),
    listCards(workspace.id),
  ]);
  const prices = new Map(
    priceBook
      .current()
      .filter((price) => price.direction === "outbound")
      .map((price) => [price.channel, price]),
  );
  const t = await getTranslations("channels");
  const names = await getTranslations("channelNames");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, workspace.currency, locale);

  const trialOnOffer = whatsappTrialOnOffer(workspace, plan);
  const whatsappApi = whatsappApiView(workspace);
  // Once a card is saved, SMS, e-mail, calls and the AI voice bot work within the balance (R13).
  const context = {
    hasPaymentMethod: cards.length > 0,
    whatsappApiConfigured: workspace.whatsappApiConfiguredAt !== null,
    whatsappCallingEnabled: workspace.whatsappCallingEnabled,
    trialBalance: wallet.trialBalance,
  };

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <ul className="grid gap-4 md:grid-cols-2" data-testid="channels">
        {CHANNELS.map((channel) => {
          const Icon = ICONS[channel];
          const state = channelState(channel, context);
          const price = prices.get(channel);
          return (
            <li key={channel}>
              <Card className="flex h-full flex-col gap-4 p-5" data-testid={`channel-${channel}`} data-state={state}>
                <div className="flex items-start gap-3">
                  <div className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                    <Icon aria-hidden className="size-5" />
                  </div>
                  <div className="grid min-w-0 flex-1 gap-1.5">
                    <h2 className="font-semibold leading-tight">{names(channel)}</h2>
                    <Badge variant={STATE_BADGE[state]} className="w-fit whitespace-normal">
                      {t(`states.${state}`)}
                    </Badge>
                  </div>
                </div>
                <p className="text-sm text-muted-foreground">{t(`descriptions.${channel}`)}</p>
                {/* What this service needs next (R13), in one line. */}
                <p className="text-sm font-medium" data-testid={`channel-${channel}-next`}>
                  {t(`next.${state === "active" ? `active_${channel}` : state}`)}
                </p>
                {state === "needs_payment_method" ? (
                  <Link
                    href={`/${workspace.slug}/settings/billing/wallet?tour=addPaymentMethod`}
                    data-testid={`channel-${channel}-add-card`}
                    data-tour={`channel-${channel}`}
                    className="inline-flex w-fit items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
                  >
                    {t("addCard")}
                    <ArrowRight aria-hidden className="size-4" />
                  </Link>
                ) : null}
                {channel === "whatsapp" ? (
                  <WhatsappApiForm
                    workspaceSlug={workspace.slug}
                    canManage={can(access, "manageSettings")}
                    saved={whatsappApi && { phoneNumber: whatsappApi.phoneNumber, phoneNumberId: whatsappApi.phoneNumberId, businessAccountId: whatsappApi.businessAccountId }}
                    tourAnchor={state === "needs_whatsapp_setup"}
                  />
                ) : null}
                {channel === "whatsapp_call" ? (
                  <ul className="grid list-disc gap-1 pl-5 text-sm text-muted-foreground marker:text-border">
                    <li>{t("whatsappCall.inboundFree")}</li>
                    <li>{t("whatsappCall.minimum", { minimum: money(wallet.callMinimumBalance) })}</li>
                    {trialOnOffer > 0n ? <li>{t("whatsappCall.trial", { amount: money(trialOnOffer) })}</li> : null}
                    {wallet.trialBalance > 0n ? <li>{t("whatsappCall.trialRemaining", { amount: money(wallet.trialBalance) })}</li> : null}
                  </ul>
                ) : null}
                {channel === "whatsapp_call" ? (
                  <WhatsappCallingToggle
                    workspaceSlug={workspace.slug}
                    enabled={workspace.whatsappCallingEnabled}
                    canManage={can(access, "manageSettings")}
                    trialAmount={trialOnOffer > 0n ? money(trialOnOffer) : null}
                  />
                ) : null}
                {price ? (
                  <p className="mt-auto border-t border-border pt-3 text-sm">
                    {t.rich("price", {
                      price: money(price.unitPrice),
                      unit: t(`units.${unitKey(price.unit)}`),
                      strong: (chunks) => <strong className="tabular font-semibold">{chunks}</strong>,
                    })}
                  </p>
                ) : null}
              </Card>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function unitKey(unit: string): "segment" | "message" | "email" | "minute" | "unit" {
  return unit === "segment" || unit === "message" || unit === "email" || unit === "minute" ? unit : "unit";
}
