"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** Renders its children everywhere but on `path` (the layout cannot know the page it wraps). */
export function NotOnPage({ path, children }: { path: string; children: ReactNode }) {
  return usePathname() === path ? null : children;
}
