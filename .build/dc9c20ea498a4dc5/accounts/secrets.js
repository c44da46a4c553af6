import { createHash, randomBytes } from "node:crypto";
const newSecret = (prefix = "") => `${prefix}${randomBytes(32).toString("base64url")}`;
const hashSecret = (secret) => createHash("sha256").update(secret, "utf8").digest("hex");
const newId = () => randomBytes(12).toString("base64url");
export {
  hashSecret,
  newId,
  newSecret
};
//# sourceMappingURL=secrets.js.map
