import { getTranslations } from "next-intl/server";
import { CopyButton } from "@/components/developers/copy-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const ENDPOINTS = [
  { key: "wallet", methods: ["GET"], path: "/wallet" },
  { key: "prices", methods: ["GET"], path: "/prices" },
  { key: "authorize", methods: ["POST"], path: "/authorize" },
  { key: "usageEvents", methods: ["POST", "GET"], path: "/usage-events" },
] as const;

/** The public API at a glance (API.md is the contract): base URL, auth header, endpoints, one example. */
export async function ApiReference({ origin }: { origin: string }) {
  const t = await getTranslations("developers.reference");
  const copy = await getTranslations("developers");
  const baseUrl = `${origin}/api/v1`;
  const curl = [
    `curl -X POST ${baseUrl}/usage-events \\`,
    `  -H "Authorization: Bearer $SALDO_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"id": "call-123", "channel": "whatsapp_call",`,
    `       "durationSeconds": 95, "outcome": "connected"}'`,
  ].join("\n");

  return (
    <Card data-testid="api-reference">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <dl className="grid gap-4 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6 sm:gap-y-3">
          <dt className="font-medium">{t("baseUrl")}</dt>
          <dd className="min-w-0">
            <code data-testid="api-base-url" className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs break-all">
              {baseUrl}
            </code>
          </dd>
          <dt className="font-medium">{t("auth")}</dt>
          <dd className="grid min-w-0 gap-1">
            <code className="w-fit rounded bg-muted px-1.5 py-0.5 font-mono text-xs break-all">Authorization: Bearer sk_saldo_…</code>
            <span className="text-muted-foreground">{t("authHint")}</span>
          </dd>
        </dl>

        <div className="grid gap-2">
          <h3 className="text-sm font-medium">{t("endpoints")}</h3>
          <ul className="divide-y divide-border rounded-lg border border-border" data-testid="api-endpoints">
            {ENDPOINTS.map((endpoint) => (
              <li key={endpoint.key} className="grid gap-1 px-4 py-3 sm:grid-cols-[13rem_1fr] sm:items-baseline sm:gap-4">
                <span className="flex flex-wrap items-center gap-1.5">
                  {endpoint.methods.map((method) => (
                    <Badge key={method} variant={method === "GET" ? "muted" : "default"} className="font-mono text-[0.7rem]">
                      {method}
                    </Badge>
                  ))}
                  <code className="font-mono text-xs font-medium">{endpoint.path}</code>
                </span>
                <span className="text-sm text-muted-foreground">{t(`endpoint.${endpoint.key}`)}</span>
              </li>
            ))}
          </ul>
        </div>

        <div className="grid gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="api-curl-example-title" className="text-sm font-medium">
              {t("example")}
            </h3>
            <CopyButton
              value={curl}
              label={copy("copy")}
              copiedLabel={copy("copied")}
              failedLabel={copy("copyFailed")}
              srSuffix={t("exampleCopySuffix")}
            />
          </div>
          {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */}
          <pre
            data-testid="api-curl-example"
            tabIndex={0}
            role="region"
            aria-labelledby="api-curl-example-title"
            className="overflow-x-auto rounded-lg bg-foreground p-4 font-mono text-xs leading-relaxed text-background focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:outline-none"
          >
            <code>{curl}</code>
          </pre>
          <p className="text-xs text-muted-foreground">{t("exampleHint")}</p>
        </div>
      </CardContent>
    </Card>
  );
}
