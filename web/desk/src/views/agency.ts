// An agency's desk: its orders arrive live (SubscribeOrders as Server-Sent Events); sign for,
// report progress, resolve or return with a reason code. The services decide what it may see.
import { ApiError, call, liveStream } from "../api";
import { button, clear, formatTime, h } from "../dom";
import { setViewHotkeys } from "../hotkeys";
import { agencyName, itemName, orderStatusName, tierName } from "../labels";
import { ownDestination, type Claims } from "../session";

interface WorkOrder {
  orderId: string; caseId: string; item: string; summary: string; slaTier: string; status: string;
  signDue: string; resolveDue: string; location?: { address: string };
}
interface Delivery { order: WorkOrder; redelivery: boolean }

const returnReasons: [string, string][] = [
  ["not_our_responsibility", "不属本单位职责"],
  ["wrong_district", "不属本辖区"],
  ["insufficient_information", "信息不全，无法办理"],
];

export function renderAgency(main: HTMLElement, claims: Claims): () => void {
  const destination = ownDestination(claims);
  const orders = new Map<string, WorkOrder>();
  let selected = "";
  const abort = new AbortController();
  const live = h("span", { class: "live", "data-testid": "live" }, "连接中…");
  const tbody = h("tbody", { id: "orders" });
  const note = h("textarea", { id: "note", rows: 3 }) as HTMLTextAreaElement;
  const reasonCode = h("select", { id: "reason-code" },
    returnReasons.map(([code, name]) => h("option", { value: code }, name))) as HTMLSelectElement;
  const message = h("p", { id: "agency-message", role: "status" });

  const render = () => {
    clear(tbody, [...orders.values()].map((o) => {
      const row = h("tr", {
        class: o.orderId === selected ? "selected" : "", "data-order": o.orderId,
        "aria-selected": String(o.orderId === selected), onclick: () => select(o.orderId),
      },
        h("td", {}, h("a", { href: `#/case/${encodeURIComponent(o.caseId)}` }, o.orderId)),
        h("td", {}, itemName(o.item)),
        h("td", { class: "summary" }, o.summary),
        h("td", {}, o.location?.address ?? ""),
        h("td", {}, `${formatTime(o.signDue)} / ${formatTime(o.resolveDue)}`),
        h("td", { class: "status", "data-testid": "status" }, orderStatusName[o.status] ?? o.status));
      return row;
    }));
  };
  const select = (id: string) => {
    selected = id;
    render();
  };
  const move = (delta: number) => {
    const ids = [...orders.keys()];
    if (!ids.length) return;
    const at = Math.max(0, Math.min(ids.length - 1, ids.indexOf(selected) + delta));
    select(ids[at]);
  };

  const act = async (label: string, method: string, body: (o: WorkOrder) => Record<string, unknown>, needsNote: boolean) => {
    const o = orders.get(selected);
    if (!o) {
      message.textContent = "请先选择工单（↑/↓）。";
      return;
    }
    if (needsNote && !note.value.trim()) {
      message.textContent = `${label}需要填写说明。`;
      note.focus();
      return;
    }
    try {
      const updated = await call<WorkOrder>(method, body(o));
      orders.set(updated.orderId, { ...o, ...updated });
      message.textContent = `${label}成功：${o.orderId}`;
      note.value = "";
      render();
    } catch (e) {
      message.textContent = e instanceof ApiError ? `${label}失败：${e.code} ${e.reason}` : String(e);
    }
  };
  const sign = () => act("签收", "DispatchService/SignOrder", (o) => ({ orderId: o.orderId, destination, signer: claims.sub }), false);
  const progress = () => act("进展", "FeedbackService/ReportProgress", (o) => ({ orderId: o.orderId, destination, handler: claims.sub, note: note.value.trim() }), true);
  const resolve = () => act("办结", "FeedbackService/Resolve", (o) => ({ orderId: o.orderId, destination, handler: claims.sub, result: note.value.trim() }), true);
  const giveBack = () => act("退回", "DispatchService/ReturnOrder", (o) => ({ orderId: o.orderId, destination, signer: claims.sub, reasonCode: reasonCode.value, reason: note.value.trim() }), true);

  setViewHotkeys({
    ArrowDown: () => move(1), ArrowUp: () => move(-1),
    "Alt+S": () => void sign(), "Alt+P": () => void progress(), "Alt+D": () => void resolve(), "Alt+R": () => void giveBack(),
  });

  // Unsigned orders are delivered again on each connect, so a reconnect loses nothing.
  liveStream<Delivery>("DispatchService/SubscribeOrders", () => ({ destination, consumer: `web-${claims.sub}` }), (d) => {
    orders.set(d.order.orderId, d.order);
    if (!selected) selected = d.order.orderId;
    render();
  }, (state, e) => {
    live.textContent = state === "live" ? "实时接收中" : state === "reconnecting" ? "连接中断，正在重连…"
      : `无法接收工单：${e?.code} ${e?.reason}`;
  }, abort.signal);

  clear(main,
    h("div", { class: "agency" },
      h("h2", {}, `${agencyName(claims.agency ?? "")} · 待办工单 `, live),
      h("table", { class: "orders" },
        h("caption", {}, "↑/↓ 选择工单；点击工单号查看案件"),
        h("thead", {}, h("tr", {}, ["工单", "事项", "诉求摘要", "地址", "签收/办结时限", "状态"].map((t) => h("th", { scope: "col" }, t)))),
        tbody),
      h("section", { class: "order-actions" },
        h("label", { for: "note" }, "说明（进展、办结结果或退回理由）"), note,
        h("label", { for: "reason-code" }, "退回原因"), reasonCode,
        h("div", { class: "actions" },
          button("签收", "Alt+S", () => void sign(), "primary"),
          button("进展", "Alt+P", () => void progress()),
          button("办结", "Alt+D", () => void resolve()),
          button("退回", "Alt+R", () => void giveBack(), "danger")),
        message),
      h("p", { class: "hint" }, `时限：${tierName("T1")}`)));
  return () => abort.abort();
}
