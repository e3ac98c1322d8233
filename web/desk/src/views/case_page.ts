// One case: what was said, the decision, its orders and the timeline — or the service's
// refusal when this person may not see it (another agency's case, whatever the URL says).
import { ApiError, call } from "../api";
import { clear, formatTime, h } from "../dom";
import { caseStatusName, destinationName, dispositionName, itemName, orderStatusName } from "../labels";
import type { Claims } from "../session";

interface Case {
  caseId: string; text: string; status: string; caller?: { phone: string };
  location?: { address: string }; confirmed?: { disposition: string; item: string };
  orders: { orderId: string; destination: string; status: string; result: string }[];
  timeline: { type: string; at: string; actor: string; detail: string }[];
}

export function renderCase(main: HTMLElement, caseId: string, _claims: Claims): () => void {
  clear(main, h("p", {}, "加载中…"));
  call<Case>("IntakeService/GetCase", { caseId })
    .then((c) => clear(main,
      h("article", { class: "case", "data-testid": "case" },
        h("h2", {}, `案件 ${c.caseId} · ${caseStatusName[c.status] ?? c.status}`),
        h("p", {}, `来电 ${c.caller?.phone ?? ""} · ${c.location?.address ?? ""}`),
        h("blockquote", {}, c.text),
        c.confirmed ? h("p", {}, `处置：${dispositionName(c.confirmed.disposition)} ${c.confirmed.item ? itemName(c.confirmed.item) : ""}`) : null,
        h("h3", {}, "工单"),
        h("ul", {}, c.orders.map((o) => h("li", {}, `${o.orderId} → ${destinationName(o.destination)} · ${orderStatusName[o.status] ?? o.status} ${o.result}`))),
        h("h3", {}, "流转记录"),
        h("ol", { class: "timeline" }, c.timeline.map((t) => h("li", {}, `${formatTime(t.at)} ${t.type} · ${t.actor} ${t.detail}`))))))
    .catch((e) => {
      const denied = e instanceof ApiError && (e.status === 403 || e.status === 404);
      clear(main, h("p", { class: "error", role: "alert", "data-testid": "case-refused" },
        denied ? `无权查看此案件（${e.status} ${e.code}）：${e.reason}` : String(e)));
    });
  return () => {};
}
