// The OpenID provider of tests/oidc: node-oidc-provider on 127.0.0.1 with its development login pages.
// Usage: node provider.mjs <port> <clients.json>. Any login name signs in; the people below get their claims.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const [port, clientsFile] = process.argv.slice(2);
const people = {
  sanne: { name: "Sanne de Vries", email: "Sanne@Waterschap.example", groups: ["moderatoren", "hr"], department: "HR" },
  joost: { name: "Joost Bakker", email: "joost@waterschap.example", groups: [], department: "IT" },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: JSON.parse(readFileSync(clientsFile, "utf8")),
  pkce: { required: () => true },
  scopes: ["openid", "profile", "email", "groups"],
  claims: { openid: ["sub"], profile: ["name", "department"], email: ["email"], groups: ["groups"] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ["plein-test-provider-cookie-key"] },
  async findAccount(ctx, id) {
    const person = people[id] || { name: id, email: `${id}@waterschap.example`, groups: [] };
    return { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
});
provider.listen(Number(port), "127.0.0.1", () => console.log(`listening on ${port}`));
