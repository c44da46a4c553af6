import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { Layout } from "../ui/components/layout.js";
import { ACCOUNT_TEXTS, ROLE_NAMES } from "./texts.js";
const texts = (ctx) => ACCOUNT_TEXTS[ctx.lang];
function Messages({ form }) {
  return /* @__PURE__ */ jsxs(Fragment, { children: [
    form.error && /* @__PURE__ */ jsx("p", { class: "error", role: "alert", children: form.error }),
    form.notice && /* @__PURE__ */ jsx("p", { class: "notice", role: "status", children: form.notice })
  ] });
}
function Csrf({ form }) {
  return /* @__PURE__ */ jsx("input", { type: "hidden", name: "_csrf", value: form.csrf });
}
function SignInPage({
  ctx,
  form,
  email,
  next
}) {
  const t = texts(ctx);
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: t.signIn, downloads: false, children: [
    /* @__PURE__ */ jsx("h1", { children: t.signIn }),
    /* @__PURE__ */ jsx("p", { children: t.signInLead }),
    /* @__PURE__ */ jsx(Messages, { form }),
    /* @__PURE__ */ jsxs("form", { method: "post", action: "/logga-in", class: "account-form", children: [
      /* @__PURE__ */ jsx(Csrf, { form }),
      /* @__PURE__ */ jsx("input", { type: "hidden", name: "next", value: next }),
      ctx.lang === "en" && /* @__PURE__ */ jsx("input", { type: "hidden", name: "lang", value: "en" }),
      /* @__PURE__ */ jsxs("div", { class: "field field--wide", children: [
        /* @__PURE__ */ jsx("label", { for: "email", children: t.email }),
        /* @__PURE__ */ jsx("input", { id: "email", name: "email", type: "email", autocomplete: "username", required: true, value: email })
      ] }),
      /* @__PURE__ */ jsxs("div", { class: "field field--wide", children: [
        /* @__PURE__ */ jsx("label", { for: "password", children: t.password }),
        /* @__PURE__ */ jsx("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true })
      ] }),
      /* @__PURE__ */ jsx("div", { class: "field field--button", children: /* @__PURE__ */ jsx("button", { type: "submit", children: t.signIn }) })
    ] })
  ] });
}
function AccountPage({
  ctx,
  form,
  email,
  memberships,
  organisationNames,
  tokens,
  newToken
}) {
  const t = texts(ctx);
  const roles = ROLE_NAMES[ctx.lang];
  const date = (iso) => iso ? iso.slice(0, 10) : t.never;
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: t.account, downloads: false, children: [
    /* @__PURE__ */ jsx("h1", { children: t.account }),
    /* @__PURE__ */ jsxs("p", { children: [
      t.signedInAs,
      " ",
      /* @__PURE__ */ jsx("strong", { children: email })
    ] }),
    /* @__PURE__ */ jsx(Messages, { form }),
    newToken && /* @__PURE__ */ jsxs("div", { class: "notice", role: "status", children: [
      /* @__PURE__ */ jsx("p", { children: t.tokenCreated }),
      /* @__PURE__ */ jsx("p", { children: /* @__PURE__ */ jsx("code", { children: newToken }) })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "memberships", children: [
      /* @__PURE__ */ jsx("h2", { id: "memberships", children: t.memberships }),
      /* @__PURE__ */ jsxs("table", { children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.organisation }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.role })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: memberships.map((m) => /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsxs("td", { children: [
            organisationNames.get(m.organisationId) ?? m.organisationId,
            " (",
            m.organisationId,
            ")"
          ] }),
          /* @__PURE__ */ jsx("td", { children: roles[m.role] })
        ] })) })
      ] })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "tokens", children: [
      /* @__PURE__ */ jsx("h2", { id: "tokens", children: t.tokens }),
      /* @__PURE__ */ jsx("p", { children: t.tokensLead }),
      tokens.length === 0 ? /* @__PURE__ */ jsx("p", { children: t.noTokens }) : /* @__PURE__ */ jsxs("table", { children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.tokenName }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.created }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.tokenExpires }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.lastUsed }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: /* @__PURE__ */ jsx("span", { class: "visually-hidden", children: t.tokenRevoke }) })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: tokens.map((token) => /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("td", { children: token.name }),
          /* @__PURE__ */ jsx("td", { children: date(token.created) }),
          /* @__PURE__ */ jsx("td", { children: date(token.expires) }),
          /* @__PURE__ */ jsx("td", { children: date(token.lastUsed) }),
          /* @__PURE__ */ jsx("td", { children: token.revoked ? t.tokenRevoked : /* @__PURE__ */ jsxs("form", { method: "post", action: `/konto/nycklar/${token.id}/aterkalla`, children: [
            /* @__PURE__ */ jsx(Csrf, { form }),
            /* @__PURE__ */ jsx("button", { type: "submit", "aria-label": `${t.tokenRevoke}: ${token.name}`, children: t.tokenRevoke })
          ] }) })
        ] })) })
      ] }),
      /* @__PURE__ */ jsxs("form", { method: "post", action: "/konto/nycklar", class: "account-form", children: [
        /* @__PURE__ */ jsx(Csrf, { form }),
        /* @__PURE__ */ jsxs("div", { class: "field", children: [
          /* @__PURE__ */ jsx("label", { for: "token-name", children: t.tokenName }),
          /* @__PURE__ */ jsx("input", { id: "token-name", name: "name", type: "text", maxlength: 100, required: true })
        ] }),
        /* @__PURE__ */ jsxs("div", { class: "field", children: [
          /* @__PURE__ */ jsx("label", { for: "token-expires", children: t.tokenExpires }),
          /* @__PURE__ */ jsx("select", { id: "token-expires", name: "expires", children: ["30d", "90d", "365d", "never"].map((e) => /* @__PURE__ */ jsx("option", { value: e, selected: e === "90d", children: t.expiry[e] })) })
        ] }),
        /* @__PURE__ */ jsx("div", { class: "field field--button", children: /* @__PURE__ */ jsx("button", { type: "submit", children: t.tokenCreate }) })
      ] })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "password", children: [
      /* @__PURE__ */ jsx("h2", { id: "password", children: t.changePassword }),
      /* @__PURE__ */ jsxs("form", { method: "post", action: "/konto/losenord", class: "account-form", children: [
        /* @__PURE__ */ jsx(Csrf, { form }),
        /* @__PURE__ */ jsx("input", { type: "text", name: "username", autocomplete: "username", value: email, hidden: true }),
        /* @__PURE__ */ jsxs("div", { class: "field field--wide", children: [
          /* @__PURE__ */ jsx("label", { for: "current-password", children: t.currentPassword }),
          /* @__PURE__ */ jsx(
            "input",
            {
              id: "current-password",
              name: "current",
              type: "password",
              autocomplete: "current-password",
              required: true
            }
          )
        ] }),
        /* @__PURE__ */ jsxs("div", { class: "field field--wide", children: [
          /* @__PURE__ */ jsx("label", { for: "new-password", children: t.newPassword }),
          /* @__PURE__ */ jsx(
            "input",
            {
              id: "new-password",
              name: "password",
              type: "password",
              autocomplete: "new-password",
              minlength: 12,
              required: true,
              "aria-describedby": "new-password-hint"
            }
          ),
          /* @__PURE__ */ jsx("span", { class: "hint", id: "new-password-hint", children: t.passwordHint })
        ] }),
        /* @__PURE__ */ jsx("div", { class: "field field--button", children: /* @__PURE__ */ jsx("button", { type: "submit", children: t.changePassword }) })
      ] })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "sessions", children: [
      /* @__PURE__ */ jsx("h2", { id: "sessions", children: t.signOut }),
      /* @__PURE__ */ jsxs("form", { method: "post", action: "/logga-ut", class: "account-form", children: [
        /* @__PURE__ */ jsx(Csrf, { form }),
        /* @__PURE__ */ jsx("button", { type: "submit", children: t.signOut })
      ] }),
      /* @__PURE__ */ jsxs("form", { method: "post", action: "/konto/logga-ut-overallt", class: "account-form", children: [
        /* @__PURE__ */ jsx(Csrf, { form }),
        /* @__PURE__ */ jsx("p", { class: "hint", children: t.signOutEverywhereHint }),
        /* @__PURE__ */ jsx("button", { type: "submit", children: t.signOutEverywhere })
      ] })
    ] })
  ] });
}
export {
  AccountPage,
  SignInPage
};
//# sourceMappingURL=account-pages.js.map
