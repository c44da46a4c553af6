import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
const HERE = fileURLToPath(new URL(".", import.meta.url));
let clientBundle;
function hashOf(body) {
  return createHash("sha256").update(body).digest("hex").slice(0, 12);
}
async function loadClient() {
  const require2 = createRequire(import.meta.url);
  const { build } = await import("esbuild");
  const [css, favicon, built, echarts] = await Promise.all([
    readFile(`${HERE}assets/app.css`),
    readFile(`${HERE}assets/favicon.svg`),
    build({
      entryPoints: [`${HERE}client/main.ts`],
      bundle: true,
      format: "iife",
      minify: true,
      target: ["es2020"],
      write: false,
      legalComments: "none"
    }),
    readFile(require2.resolve("echarts/dist/echarts.min.js"))
  ]);
  return { css, favicon, app: Buffer.from(built.outputFiles[0].contents), echarts };
}
async function prepareAssets(boundariesFile) {
  clientBundle ??= loadClient();
  const { css, app, echarts, favicon } = await clientBundle;
  const files = /* @__PURE__ */ new Map([
    ["app.css", { body: css, type: "text/css; charset=utf-8", hash: hashOf(css) }],
    ["app.js", { body: app, type: "text/javascript; charset=utf-8", hash: hashOf(app) }],
    ["echarts.min.js", { body: echarts, type: "text/javascript; charset=utf-8", hash: hashOf(echarts) }],
    ["favicon.svg", { body: favicon, type: "image/svg+xml", hash: hashOf(favicon) }]
  ]);
  const url = (name) => `/assets/${name}?v=${files.get(name).hash}`;
  const boundaries = boundariesFile && existsSync(boundariesFile) ? { path: boundariesFile } : null;
  return {
    files,
    boundaries,
    urls: {
      css: url("app.css"),
      app: url("app.js"),
      echarts: url("echarts.min.js"),
      favicon: url("favicon.svg"),
      boundaries: boundaries ? `/assets/kommuner.geojson?v=${hashOf(boundariesFile)}` : null
    }
  };
}
export {
  prepareAssets
};
//# sourceMappingURL=assets.js.map
