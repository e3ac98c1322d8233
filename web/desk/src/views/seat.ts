// The seat (110 or 12345): the caller's words in, the suggestion updating while typing, one key
// to confirm (SubmitCall + ConfirmTriage, as the CLI desk does), one to override with a reason.
import { ApiError, call, liveStream, requestId, utf8Base64 } from "../api";
import { button, clear, formatTime, h } from "../dom";
import { setViewHotkeys } from "../hotkeys";
import {
  agencyName, allDispositions, allItems, caseStatusName, destinationName, dispositionName,
  itemInfo, itemName, outcomeName, policeClassName, safetyScript, tierName,
} from "../labels";
import { sideEnum, type Claims } from "../session";

interface Evidence { kind: string; text: string; ref: string }
interface Alternative { disposition: string; item: string; confidence: number }
interface Triage {
  disposition: string; item: string; handoverItem: string; policeClass: string; category: string;
  confidence: number; evidence: Evidence[]; alternatives: Alternative[]; needsReview: boolean;
  reason: string;
}
interface WorkOrder { orderId: string; destination: string; agencyId: string; slaTier: string; status: string }
interface Case { caseId: string; status: string; orders: WorkOrder[]; confirmed?: Triage; duplicateOf: string }
interface Outcome { streamId: string; caseId: string; orderId: string; type: string; actor: string; detail: string; at: string }
interface CaseSummary { caseId: string; status: string; disposition: string; item: string; text: string; receivedAt: string }

// Short enough that the suggestion is on screen within ~150 ms of the last keystroke, long
// enough to send one request per pause rather than one per character.
const DEBOUNCE_MS = 60;

export function renderSeat(main: HTMLElement, claims: Claims): () => void {
  const phone = h("input", { id: "phone", type: "tel", autocomplete: "off" }) as HTMLInputElement;
  const address = h("input", { id: "address", autocomplete: "off" }) as HTMLInputElement;
  const text = h("textarea", { id: "text", rows: 6, "aria-describedby": "suggestion" }) as HTMLTextAreaElement;
  const banner = h("div", { id: "emergency", class: "emergency", role: "alert", hidden: true });
  const suggestion = h("section", { id: "suggestion", class: "suggestion", "aria-live": "polite" },
    h("p", { class: "hint" }, "输入来电内容，系统边听边给出建议。"));
  const result = h("section", { id: "result", class: "result", "aria-live": "polite" });
  const overrideBox = h("section", { id: "override", class: "override", hidden: true });
  const outcomes = h("ol", { id: "outcomes", class: "outcomes" });
  let current: Triage | null = null;
  let currentText = "";
  let seq = 0;
  let timer = 0;
  let busy = false;
  const abort = new AbortController();

  const classify = async () => {
    const words = text.value.trim();
    const mine = ++seq;
    if (!words) {
      current = null;
      renderSuggestion(null, "");
      return;
    }
    try {
      const t = await call<Triage>("ClassificationService/Classify", {
        side: sideEnum(claims), channel: "CHANNEL_PHONE", text: utf8Base64(words),
      }, abort.signal);
      if (mine !== seq) return; // a newer keystroke already asked
      current = t;
      currentText = words;
      renderSuggestion(t, words);
    } catch (e) {
      if (mine === seq && !abort.signal.aborted) showError(suggestion, e);
    }
  };

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(classify, DEBOUNCE_MS);
  };
  // While a Chinese input method composes, the text is not the caller's words yet.
  text.addEventListener("input", (e) => {
    if (!(e as InputEvent).isComposing) schedule();
  });
  text.addEventListener("compositionend", schedule);

  function renderSuggestion(t: Triage | null, words: string) {
    const emergency = t?.disposition === "EMERGENCY_110";
    banner.hidden = !emergency;
    document.body.classList.toggle("alarm", emergency);
    if (emergency && t) {
      const refs = t.evidence.map((e) => e.ref);
      clear(banner,
        h("strong", {}, "⚠ 紧急警情 EMERGENCY_110 — 立即派警"),
        h("p", { class: "script", "data-testid": "safety-script" }, "安全提示话术：", safetyScript(refs)));
      beep();
    }
    if (!t) {
      clear(suggestion, h("p", { class: "hint" }, "输入来电内容，系统边听边给出建议。"));
      return;
    }
    const item = itemInfo(t.item);
    const rows: [string, string][] = [
      ["处置", `${dispositionName(t.disposition)} (${t.disposition})`],
      ["事项", t.item ? `${itemName(t.item)}${item ? ` · ${item.category}` : ""}` : t.policeClass ? policeClassName(t.policeClass) : "—"],
      ["承办单位", item ? agencyName(item.agency) : t.disposition.endsWith("110") ? "110 指挥中心" : "—"],
      ["时限", item ? tierName(item.slaTier) : t.disposition.endsWith("110") ? tierName("P") : "—"],
      ["置信度", `${Math.round(t.confidence * 100)}%${t.needsReview ? "（需人工复核）" : ""}`],
    ];
    if (t.handoverItem) rows.push(["移交事项", itemName(t.handoverItem)]);
    clear(suggestion,
      h("h2", {}, "系统建议"),
      h("dl", { class: "facts", "data-testid": "suggestion-facts" },
        rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      t.reason ? h("p", { class: "reason" }, t.reason) : null,
      h("h3", {}, "依据"),
      h("p", { class: "evidence", "data-testid": "evidence" }, highlight(words, t.evidence)),
      t.alternatives.length ? h("h3", {}, "备选") : null,
      h("ol", { class: "alternatives" }, t.alternatives.slice(0, 3).map((a) =>
        h("li", {}, `${dispositionName(a.disposition)}${a.item ? ` · ${itemName(a.item)}` : ""} (${Math.round(a.confidence * 100)}%)`))),
    );
  }

  async function confirm(override?: { disposition: string; item: string; reason: string }) {
    if (busy) return;
    if (!current || !text.value.trim()) {
      clear(result, h("p", { class: "error", role: "alert" }, "请先输入来电内容并等待建议。"));
      return;
    }
    if (text.value.trim() !== currentText) await classify(); // confirm what is on screen
    busy = true;
    clear(result, h("p", {}, "提交中…"));
    try {
      const submitted = await call<Case>("IntakeService/SubmitCall", {
        requestId: requestId(), side: sideEnum(claims), channel: "CHANNEL_PHONE",
        caller: { phone: phone.value.trim() }, location: { address: address.value.trim() },
        text: utf8Base64(text.value.trim()),
      });
      const confirmed = await call<Case>("IntakeService/ConfirmTriage", override
        ? { caseId: submitted.caseId, acceptSuggestion: false, disposition: override.disposition,
            item: override.item, reason: override.reason, requestId: requestId() }
        : { caseId: submitted.caseId, acceptSuggestion: true, requestId: requestId() });
      clear(result,
        h("h2", {}, "已受理"),
        confirmed.duplicateOf
          ? h("p", { class: "notice", "data-testid": "duplicate" }, `同一事项已有在办案件 `,
              h("a", { href: `#/case/${encodeURIComponent(confirmed.duplicateOf)}` }, confirmed.duplicateOf),
              "，本次来电已并入，结果将一并告知来电人。")
          : null,
        h("p", { "data-testid": "case-confirmed" },
          h("a", { href: `#/case/${encodeURIComponent(confirmed.caseId)}` }, confirmed.caseId), " · ",
          caseStatusName[confirmed.status] ?? confirmed.status),
        h("ul", {}, confirmed.orders.map((o) =>
          h("li", {}, `工单 ${o.orderId} → ${destinationName(o.destination)}（${tierName(o.slaTier)}）`))),
      );
      text.value = "";
      phone.value = "";
      address.value = "";
      overrideBox.hidden = true;
      current = null;
      renderSuggestion(null, "");
      text.focus();
    } catch (e) {
      showError(result, e);
    } finally {
      busy = false;
    }
  }

  function openOverride() {
    const disposition = h("select", { id: "ov-disposition" },
      allDispositions().map(([d, name]) => h("option", { value: d, selected: d === current?.disposition }, name))) as HTMLSelectElement;
    const item = h("select", { id: "ov-item" }, h("option", { value: "" }, "（无）"),
      allItems().map((i) => h("option", { value: i.id, selected: i.id === current?.item }, `${i.name} · ${agencyName(i.agency)}`))) as HTMLSelectElement;
    const reason = h("input", { id: "ov-reason", required: true, autocomplete: "off" }) as HTMLInputElement;
    const error = h("p", { class: "error", role: "alert" });
    const submit = () => {
      if (!reason.value.trim()) {
        error.textContent = "改派必须填写理由。";
        reason.focus();
        return;
      }
      void confirm({ disposition: disposition.value, item: item.value, reason: reason.value.trim() });
    };
    clear(overrideBox,
      h("h2", {}, "改派（需填写理由）"),
      h("label", { for: "ov-disposition" }, "处置"), disposition,
      h("label", { for: "ov-item" }, "事项"), item,
      h("label", { for: "ov-reason" }, "理由"), reason, error,
      button("提交改派", "Alt+Enter", submit, "primary"),
      button("取消", "Escape", closeOverride, "quiet"));
    overrideBox.hidden = false;
    setViewHotkeys({ ...keys, "Alt+Enter": submit, Escape: closeOverride });
    reason.focus();
  }
  function closeOverride() {
    overrideBox.hidden = true;
    setViewHotkeys(keys);
    text.focus();
  }
  function newCall() {
    text.value = "";
    phone.value = "";
    address.value = "";
    current = null;
    historyFor = "";
    history.hidden = true;
    renderSuggestion(null, "");
    clear(result);
    phone.focus();
  }

  const keys = {
    "Ctrl+Enter": () => void confirm(),
    "Alt+O": openOverride,
    "Alt+N": newCall,
  };
  setViewHotkeys(keys);

  // What became of this desk's transfers, live; a reconnect resumes after the last one seen.
  let lastOutcome = "";
  const feedState = h("span", { class: "live" });
  liveStream<Outcome>("FeedbackService/WatchOutcomes", () => ({ side: sideEnum(claims), afterId: lastOutcome }), (o) => {
    lastOutcome = o.streamId || lastOutcome;
    outcomes.prepend(h("li", {}, `${formatTime(o.at)} `,
      h("a", { href: `#/case/${encodeURIComponent(o.caseId)}` }, o.caseId), ` ${outcomeName[o.type] ?? o.type} · ${actorName(o.actor)} ${o.detail}`));
  }, (state, e) => {
    feedState.textContent = state === "live" ? "" : state === "reconnecting" ? "重连中…" : `${e?.code} ${e?.reason}`;
  }, abort.signal);

  // The caller's earlier cases, from the record (when the gateway maps RecordService).
  const history = h("section", { id: "history", class: "history", hidden: true });
  let historyFor = "";
  const loadHistory = async () => {
    const number = phone.value.trim();
    if (number === historyFor) return;
    historyFor = number;
    if (number.length < 5) {
      history.hidden = true;
      return;
    }
    try {
      const r = await call<{ cases: CaseSummary[] }>("RecordService/ListCases", { phone: number, pageSize: 5 }, abort.signal);
      history.hidden = false;
      clear(history, h("h2", {}, "来电人历史"), r.cases.length
        ? h("ul", {}, r.cases.map((c) => h("li", {}, formatTime(c.receivedAt), " ",
            h("a", { href: `#/case/${encodeURIComponent(c.caseId)}` }, c.caseId), ` ${caseStatusName[c.status] ?? c.status} · ${c.item ? itemName(c.item) : dispositionName(c.disposition)} · ${c.text.slice(0, 30)}`)))
        : h("p", { class: "hint" }, "无历史来电"));
    } catch {
      history.hidden = true; // no record service behind this gateway, or not allowed
    }
  };
  phone.addEventListener("change", () => void loadHistory());

  clear(main,
    h("div", { class: "seat" },
      h("section", { class: "call" },
        banner,
        h("h2", {}, `来电 · ${claims.side ?? ""}`),
        h("label", { for: "phone" }, "来电号码"), phone,
        h("label", { for: "address" }, "地址"), address,
        h("label", { for: "text" }, "来电内容"), text,
        h("div", { class: "actions" },
          button("确认派单", "Ctrl+Enter", () => void confirm(), "primary"),
          button("改派", "Alt+O", openOverride),
          button("新来电", "Alt+N", newCall, "quiet")),
        overrideBox,
        result),
      h("div", { class: "side" },
        suggestion,
        history,
        h("section", { class: "feed" }, h("h2", {}, "转办结果（实时）", feedState), outcomes))));
  phone.focus();
  return () => {
    abort.abort();
    window.clearTimeout(timer);
    document.body.classList.remove("alarm");
  };
}

// "agency:water_company/agent-li" → "供水企业/agent-li".
function actorName(actor: string): string {
  const [where, ...who] = actor.split("/");
  return [destinationName(where), ...who].join("/");
}

// The caller's words with each evidence phrase marked.
function highlight(words: string, evidence: Evidence[]): (string | HTMLElement)[] {
  const phrases = [...new Set(evidence.map((e) => e.text).filter((p) => p && words.includes(p)))];
  if (!phrases.length) return [words];
  const pattern = new RegExp(phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  const out: (string | HTMLElement)[] = [];
  let last = 0;
  for (const m of words.matchAll(pattern)) {
    out.push(words.slice(last, m.index));
    out.push(h("mark", {}, m[0]));
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(words.slice(last));
  return out;
}

function showError(el: HTMLElement, e: unknown) {
  const msg = e instanceof ApiError ? `${e.status || ""} ${e.code}${e.field ? ` · ${e.field}` : ""}：${e.reason}` : String(e);
  clear(el, h("p", { class: "error", role: "alert" }, msg));
}

let audio: AudioContext | null = null;
function beep() {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    osc.frequency.value = 880;
    osc.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch {
    // no audio device: the banner alone carries the alarm
  }
}
