// The supervisor's desk: KPIs over a window (FeedbackService.GetKpis) with a chart by
// direction, and the attention list (overdue and at-risk orders, supervision, escalations).
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { ApiError, call } from "../api";
import { button, clear, formatTime, h } from "../dom";
import { setViewHotkeys } from "../hotkeys";
import { destinationName, itemName } from "../labels";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface KpiRow {
  group: string; calls: string; directAnswers: string; orders: string; signed: string; resolved: string;
  onTimeSignRate: number; onTimeResolveRate: number; satisfactionRate: number; redoRate: number;
  directAnswerRate: number;
}
interface KpiReport { total: KpiRow; rows: KpiRow[] }
interface Attention { caseId: string; orderId: string; destination: string; state: string; step: string; overdueSeconds: string; item: string }

const windows: [string, number][] = [["24 小时", 24], ["7 天", 24 * 7], ["全部", 0]];
const directionName: Record<string, string> = {
  "110→12345": "110 转 12345", "12345→110": "12345 转 110", "110→110": "110 自办", "12345→12345": "12345 自办",
};

export function renderSupervisor(main: HTMLElement): () => void {
  let hours = 24;
  const cards = h("dl", { class: "kpis", "data-testid": "kpis" });
  const chartBox = h("div", { class: "chart", id: "kpi-chart", role: "img", "aria-label": "按方向的来电、工单与办结数" });
  const attention = h("tbody", { id: "attention" });
  const status = h("p", { role: "status" });
  const windowButtons = h("div", { class: "actions" });
  let chart: echarts.ECharts | null = null;

  const pct = (x: number) => `${Math.round((x || 0) * 1000) / 10}%`;
  const load = async () => {
    status.textContent = "刷新中…";
    const req: Record<string, unknown> = { groupBy: "direction" };
    if (hours) req.from = new Date(Date.now() - hours * 3600e3).toISOString();
    try {
      const [kpi, att] = await Promise.all([
        call<KpiReport>("FeedbackService/GetKpis", req),
        call<{ items: Attention[] }>("FeedbackService/ListAttention", { horizonMinutes: 60 }),
      ]);
      const t = kpi.total;
      const figures: [string, string, string][] = [
        ["来电", t.calls, "calls"], ["工单", t.orders, "orders"], ["已签收", t.signed, "signed"],
        ["已办结", t.resolved, "resolved"], ["按时签收率", pct(t.onTimeSignRate), "on-time-sign"],
        ["按时办结率", pct(t.onTimeResolveRate), "on-time-resolve"], ["满意率", pct(t.satisfactionRate), "satisfaction"],
        ["发回重办率", pct(t.redoRate), "redo"], ["直接答复率", pct(t.directAnswerRate), "direct"],
      ];
      clear(cards, figures.map(([k, v, id]) => h("div", { class: "card" }, h("dt", {}, k), h("dd", { "data-kpi": id }, v))));
      const groups = kpi.rows.length ? kpi.rows : [{ ...t, group: "合计" }];
      chart ??= echarts.init(chartBox, undefined, { renderer: "canvas" });
      chart.setOption({
        animation: false, // a desk screen shows figures, not motion
        tooltip: {}, legend: { data: ["来电", "工单", "办结"] },
        grid: { left: 40, right: 16, top: 32, bottom: 28 },
        xAxis: { type: "category", data: groups.map((g) => directionName[g.group] ?? (g.group || "合计")) },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: "来电", type: "bar", data: groups.map((g) => Number(g.calls)) },
          { name: "工单", type: "bar", data: groups.map((g) => Number(g.orders)) },
          { name: "办结", type: "bar", data: groups.map((g) => Number(g.resolved)) },
        ],
      });
      if (!att.items?.length) {
        clear(attention, h("tr", {}, h("td", { colspan: 6, class: "hint" }, "暂无超时或临近超时的工单")));
      } else clear(attention, att.items.map((a) => h("tr", {},
        h("td", {}, h("a", { href: `#/case/${encodeURIComponent(a.caseId)}` }, a.caseId)),
        h("td", {}, destinationName(a.destination)), h("td", {}, itemName(a.item)),
        h("td", { class: a.state === "overdue" ? "overdue" : "" }, a.state === "overdue" ? "已超时" : "临近超时"),
        h("td", {}, a.step === "sign_for" ? "签收" : "办结"),
        h("td", {}, `${Math.round(Math.abs(Number(a.overdueSeconds)) / 60)} 分钟${Number(a.overdueSeconds) >= 0 ? "超时" : "剩余"}`))));
      status.textContent = `已刷新 ${formatTime(new Date().toISOString())}`;
    } catch (e) {
      status.textContent = e instanceof ApiError ? `${e.code}：${e.reason}` : String(e);
    }
  };
  const setWindow = (hh: number) => {
    hours = hh;
    void load();
  };
  clear(windowButtons,
    windows.map(([name, hh], i) => button(name, `Alt+${i + 4}`, () => setWindow(hh), hh === hours ? "primary" : "")),
    button("刷新", "Alt+R", () => void load()));
  setViewHotkeys({
    "Alt+R": () => void load(), "Alt+4": () => setWindow(24), "Alt+5": () => setWindow(168), "Alt+6": () => setWindow(0),
  });
  const timer = window.setInterval(() => void load(), 15000);
  clear(main,
    h("div", { class: "supervisor" },
      h("h2", {}, "指标与督办"), windowButtons, status, cards, chartBox,
      h("h2", {}, "需关注（超时与临近超时）"),
      h("table", {}, h("thead", {}, h("tr", {}, ["案件", "承办", "事项", "状态", "环节", "时长"].map((t) => h("th", { scope: "col" }, t)))), attention)));
  void load();
  return () => {
    window.clearInterval(timer);
    chart?.dispose();
  };
}
