// Where the store is and the credential Backorder Desk calls its API with (write-only).
import { useState, type FormEvent } from "react";
import type { TChannel, TUpdateChannelRequest } from "@bod/contracts/channels";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useUpdateChannel } from "../api/channels-api.ts";
import { SecretField, type SecretChoice } from "./secret-field.tsx";

const TOKEN_HELP: Record<string, { label: string; hint: string; placeholder?: string }> = {
  shopify: { label: "Admin API access token", hint: "From the store's custom app (Settings → Apps → Develop apps): the Admin API access token, shpat_…" },
  woocommerce: { label: "REST API key", hint: "WooCommerce → Settings → Advanced → REST API, a Read/Write key, typed as consumer_key:consumer_secret.", placeholder: "ck_…:cs_…" },
};

export function ConnectionForm({ channel }: { channel: TChannel }) {
  const update = useUpdateChannel(channel.id);
  const toast = useToast();
  const [storeUrl, setStoreUrl] = useState(channel.connection.storeUrl ?? "");
  const [token, setToken] = useState<SecretChoice>({ mode: "keep" });
  const [local, setLocal] = useState<Record<string, string>>({});
  const help = TOKEN_HELP[channel.kind] ?? TOKEN_HELP.shopify!;

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const url = storeUrl.trim();
    if (url && !/^https?:\/\/[^\s/]+/i.test(url)) errors.storeUrl = "Type the store's address, starting with https://";
    const body: TUpdateChannelRequest = { storeUrl: url || null };
    if (token.mode === "set") {
      const t = token.value.trim();
      if (t.length < 8) errors.accessToken = "Paste the whole credential (at least 8 characters)";
      else if (channel.kind === "woocommerce" && !/^[^:]+:[^:]+$/.test(t)) errors.accessToken = "Type the consumer key and the consumer secret joined by a colon: ck_…:cs_…";
      else body.accessToken = t;
    }
    if (token.mode === "clear") body.accessToken = null;
    setLocal(errors);
    if (Object.keys(errors).length) return;
    update.mutate(body, {
      onSuccess: (c) => {
        setToken({ mode: "keep" });
        toast(c.connection.storeUrl && c.connection.hasAccessToken ? "Store connection saved" : "Store connection saved (not connected yet)");
      },
    });
  }
  const err = (f: string) => local[f] ?? fieldError(update.error, f);

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label="Store connection">
      <FormField label="Store URL" hint={channel.kind === "shopify" ? "https://your-store.myshopify.com" : "https://shop.example.com"} error={err("storeUrl")}>
        <input type="url" value={storeUrl} onChange={(e) => setStoreUrl(e.target.value)} autoComplete="off" spellCheck={false} placeholder="https://" />
      </FormField>
      <SecretField label={help.label} hint={help.hint} placeholder={help.placeholder} isSet={channel.connection.hasAccessToken} choice={token} onChange={setToken} error={err("accessToken")} />
      <div className="span-all">
        <ErrorAlert error={update.error} shownFields={["storeUrl", "accessToken"]} />
      </div>
      <div className="form-actions span-all">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save connection
        </Button>
      </div>
    </form>
  );
}
