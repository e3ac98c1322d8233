// Chinese names from the rule table (GET /api/v1/rules: the table the gateway was started
// with, as protobuf JSON), so the desk shows what the city's table says.
interface Named { id?: string; name?: string }
interface RuleTableJson {
  version?: string;
  sides?: { side: string; name: string; destination: string }[];
  dispositions?: { disposition: string; name: string }[];
  slaTiers?: Named[];
  agencies?: (Named & { destination?: string })[];
  categories?: (Named & { items?: (Named & { agency?: string; slaTier?: string })[] })[];
  policeClasses?: Named[];
  riskCues?: (Named & { reason?: string })[];
}

export interface ItemInfo { id: string; name: string; agency: string; slaTier: string; category: string }

const dispositions = new Map<string, string>();
const items = new Map<string, ItemInfo>();
const agencies = new Map<string, string>();
const tiers = new Map<string, string>();
const policeClasses = new Map<string, string>();
const destinations = new Map<string, string>();
export let rulesVersion = "";

export async function loadLabels(): Promise<void> {
  const res = await fetch("/api/v1/rules");
  if (!res.ok) return;
  const t = (await res.json()) as RuleTableJson;
  rulesVersion = t.version ?? "";
  for (const d of t.dispositions ?? []) dispositions.set(d.disposition, d.name);
  for (const s of t.slaTiers ?? []) tiers.set(s.id ?? "", s.name ?? "");
  for (const s of t.sides ?? []) destinations.set(s.destination, s.name);
  for (const a of t.agencies ?? []) {
    agencies.set(a.id ?? "", a.name ?? "");
    destinations.set(a.destination || `agency:${a.id}`, a.name ?? "");
  }
  for (const p of t.policeClasses ?? []) policeClasses.set(p.id ?? "", p.name ?? "");
  for (const c of t.categories ?? []) {
    for (const i of c.items ?? []) {
      items.set(i.id ?? "", {
        id: i.id ?? "", name: i.name ?? "", agency: i.agency ?? "", slaTier: i.slaTier ?? "",
        category: c.name ?? "",
      });
    }
  }
}

export const dispositionName = (d: string) => dispositions.get(d) ?? d;
export const itemInfo = (id: string) => items.get(id);
export const itemName = (id: string) => items.get(id)?.name ?? id;
export const agencyName = (id: string) => agencies.get(id) ?? id;
export const tierName = (id: string) => tiers.get(id) ?? id;
export const policeClassName = (id: string) => policeClasses.get(id) ?? id;
export const destinationName = (d: string) => destinations.get(d) ?? d;
export const allItems = () => [...items.values()];
export const allDispositions = () => [...dispositions.entries()];

export const orderStatusName: Record<string, string> = {
  ORDER_DISPATCHED: "待签收", ORDER_SIGNED: "已签收", ORDER_IN_PROGRESS: "办理中",
  ORDER_RESOLVED: "已办结", ORDER_RETURNED: "已退回", ORDER_DEAD_LETTERED: "投递失败",
  ORDER_CLOSED: "已结案",
};
export const caseStatusName: Record<string, string> = {
  CASE_TRIAGED: "待确认", CASE_CONFIRMED: "已确认", CASE_DISPATCHED: "已派单",
  CASE_IN_PROGRESS: "办理中", CASE_RESOLVED: "已办结", CASE_CALLED_BACK: "已回访",
  CASE_CLOSED: "已结案", CASE_RETURNED: "被退回",
};
export const outcomeName: Record<string, string> = {
  signed: "已签收", returned: "已退回", resolved: "已办结", closed: "已结案", progress: "进展",
};

// What the operator says first when a call is an emergency, by the safety trigger that fired.
// Desk guidance, not policy: the table decides the disposition, this only helps the caller.
const safetyScripts: Record<string, string> = {
  gas_smell: "请不要开关任何电器、不要打电话或点火，立即开窗通风，离开房屋到室外安全处等候。",
  fire: "请立即离开着火区域，用湿毛巾捂住口鼻，沿安全通道撤离，不要乘电梯。",
  smoke_in_building: "请用湿毛巾捂住口鼻，低姿沿安全通道撤离，不要乘电梯。",
  weapon: "请远离持械人员，躲到安全处锁好门，不要靠近或激怒对方，保持电话畅通。",
  violence: "请先离开冲突现场到安全处，不要参与冲突，注意伤者情况。",
  self_harm: "请保持通话，语气平和，不要离开当事人，移开身边危险物品。",
  drowning: "请不要贸然下水，可抛救生圈、绳索或竹竿施救，并呼喊周围人员帮助。",
  trapped: "请保持冷静，不要强行撬门或攀爬，保存体力，等待救援。",
  collapse: "请不要随意搬动病人，检查呼吸，如会心肺复苏请立即开始，同时保持电话畅通。",
  hazard: "请远离危险区域，疏散周围人员，不要靠近现场。",
  cry_for_help: "请告诉我您的具体位置，警察马上就到，保持电话畅通。",
};
const defaultScript = "请告诉我准确位置，保持电话畅通，警力正在赶来，请先确保自身安全。";

export function safetyScript(refs: string[]): string {
  for (const r of refs) if (safetyScripts[r]) return safetyScripts[r];
  return defaultScript;
}
