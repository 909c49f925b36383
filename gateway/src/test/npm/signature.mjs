// Signs or verifies a webhook body with @octokit/webhooks-methods, an implementation independent
// of the gateway's, for GithubSignatureInteropTest. The body comes on stdin (UTF-8), the secret in
// env WEBHOOK_SECRET (never on the command line), a signature to verify in env WEBHOOK_SIGNATURE.
//   node signature.mjs sign     prints sha256=<hex>
//   node signature.mjs verify   prints true or false
import { sign, verify } from "@octokit/webhooks-methods";

const mode = process.argv[2];
const secret = process.env.WEBHOOK_SECRET;
if (!secret || (mode !== "sign" && mode !== "verify")) {
  console.error("usage: WEBHOOK_SECRET=... node signature.mjs sign|verify < body");
  process.exit(2);
}
const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const body = Buffer.concat(chunks).toString("utf8");
if (mode === "sign") {
  console.log(await sign(secret, body));
} else {
  console.log(String(await verify(secret, body, process.env.WEBHOOK_SIGNATURE ?? "")));
}
