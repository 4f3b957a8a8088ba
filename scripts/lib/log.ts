/** Progress lines for the developer scripts, so every command says what it is doing. */
export function log(message: string) {
  console.log(`\x1b[36m›\x1b[0m ${message}`);
}
