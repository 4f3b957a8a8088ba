import type { MetadataRoute } from "next";

// The web app manifest (/manifest.webmanifest): the name and icons a phone uses when the
// dashboard is added to its home screen. The icons are in public/, drawn from app/icon.svg.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Saldo",
    short_name: "Saldo",
    description: "One prepaid wallet for SMS, WhatsApp, e-mail, calls and the AI voice bot.",
    start_url: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0f766e",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
