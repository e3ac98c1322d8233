// Sign in by pasting a bearer token (dev: `liandong-admin token …`; production: the identity
// provider's). The token stays in this tab's sessionStorage only.
import { button, h } from "../dom";
import { setViewHotkeys } from "../hotkeys";
import { signIn, type Claims } from "../session";

export function renderLogin(onSignedIn: (c: Claims) => void): HTMLElement {
  const input = h("textarea", {
    id: "token", rows: 5, spellcheck: "false", autocomplete: "off",
    placeholder: "eyJhbGciOiJFUzI1NiIs…",
  }) as HTMLTextAreaElement;
  const error = h("p", { class: "error", role: "alert" });
  const submit = () => {
    const claims = signIn(input.value);
    if (!claims) {
      error.textContent = "令牌格式不对：请粘贴完整的 JWT（三段，以点分隔）。";
      return;
    }
    onSignedIn(claims);
  };
  setViewHotkeys({ "Ctrl+Enter": submit });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey) {
      e.preventDefault();
      submit();
    }
  });
  queueMicrotask(() => input.focus());
  return h("main", { class: "login" },
    h("h1", {}, "联动 工作台 · Liandong desk"),
    h("label", { for: "token" }, "访问令牌 (bearer token)"),
    input,
    h("p", { class: "hint" }, "令牌由身份系统签发；本地开发用 liandong-admin token … 生成。服务端逐次校验。"),
    error,
    button("登录", "Enter", submit, "primary"),
  );
}
