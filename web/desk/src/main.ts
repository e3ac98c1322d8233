// 联动 web desk: one page, a view per role, hash routes (#/seat, #/agency, #/supervisor,
// #/case/<id>) so the gateway serves one index.html.
import "./style.css";
import { button, clear, h } from "./dom";
import { setGlobalHotkeys, setViewHotkeys } from "./hotkeys";
import { loadLabels } from "./labels";
import { currentClaims, signOut, type Claims } from "./session";
import { renderLogin } from "./views/login";
import { renderSeat } from "./views/seat";
import { renderAgency } from "./views/agency";
import { renderSupervisor } from "./views/supervisor";
import { renderCase } from "./views/case_page";

const app = document.getElementById("app")!;
let leaveView: (() => void) | null = null;

const roleName: Record<string, string> = {
  operator: "接警/话务员", duty_officer: "值班长", supervisor: "督办员", agency: "承办单位",
};

function homeOf(c: Claims): string {
  if (c.role === "agency") return "#/agency";
  if (c.role === "supervisor") return "#/supervisor";
  return "#/seat";
}

function header(c: Claims): HTMLElement {
  const where = c.role === "agency" ? c.agency : c.side ? `${c.side} 坐席` : "";
  const who = [c.name ?? c.sub, roleName[c.role] ?? c.role, where].filter(Boolean).join(" · ");
  return h(
    "header",
    { class: "top" },
    h("h1", {}, "联动 工作台"),
    h("nav", { "aria-label": "视图" },
      c.role === "operator" || c.role === "duty_officer"
        ? button("坐席", "Alt+1", () => (location.hash = "#/seat")) : null,
      c.role === "agency" ? button("部门工单", "Alt+2", () => (location.hash = "#/agency")) : null,
      c.role === "supervisor"
        ? button("督办与指标", "Alt+3", () => (location.hash = "#/supervisor")) : null),
    h("span", { class: "who", "data-testid": "who" }, who),
    button("退出", "Alt+Q", logout, "quiet"),
  );
}

function logout(): void {
  signOut();
  location.hash = "#/login";
  route();
}

function route(): void {
  leaveView?.();
  leaveView = null;
  setViewHotkeys({});
  const claims = currentClaims();
  const hash = location.hash || "#/";
  if (!claims || hash === "#/login") {
    clear(app, renderLogin((c) => {
      location.hash = homeOf(c);
      route();
    }));
    return;
  }
  setGlobalHotkeys({
    "Alt+1": () => (location.hash = "#/seat"),
    "Alt+2": () => (location.hash = "#/agency"),
    "Alt+3": () => (location.hash = "#/supervisor"),
    "Alt+Q": logout,
  });
  const main = h("main", { id: "main" });
  clear(app, header(claims), main);
  if (hash.startsWith("#/case/")) {
    leaveView = renderCase(main, decodeURIComponent(hash.slice(7)), claims);
  } else if (hash === "#/agency") {
    leaveView = renderAgency(main, claims);
  } else if (hash === "#/supervisor") {
    leaveView = renderSupervisor(main);
  } else if (hash === "#/seat") {
    leaveView = renderSeat(main, claims);
  } else {
    location.hash = homeOf(claims);
  }
}

window.addEventListener("hashchange", route);
loadLabels().finally(route);
