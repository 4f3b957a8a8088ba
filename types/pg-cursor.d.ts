// The part of pg-cursor (node-postgres' server-side cursor) that lib/usage/export.ts uses.
declare module "pg-cursor" {
  import type { Submittable } from "pg";
  export default class Cursor<Row = unknown[]> implements Submittable {
    constructor(text: string, values?: unknown[], config?: { rowMode?: "array" });
    submit: Submittable["submit"];
    read(rows: number): Promise<Row[]>;
    close(): Promise<void>;
  }
}
