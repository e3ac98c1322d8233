// Calls through liandong-gateway: POST /api/v1/{Service}/{Method} with protobuf's JSON mapping,
// the bearer token in the Authorization header (no cookies, so no CSRF surface).
import { currentToken } from "./session";

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public field: string,
    public reason: string,
  ) {
    super(`${status} ${code}${field ? ` (${field})` : ""}: ${reason}`);
  }
}

type Json = Record<string, unknown>;

function headers(): HeadersInit {
  return { "Content-Type": "application/json", Authorization: `Bearer ${currentToken() ?? ""}` };
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: string; field?: string; reason?: string };
    return new ApiError(res.status, body.code ?? "ERROR", body.field ?? "", body.reason ?? "");
  } catch {
    return new ApiError(res.status, "ERROR", "", res.statusText);
  }
}

export async function call<T = Json>(method: string, request: Json = {}, signal?: AbortSignal): Promise<T> {
  const res = await fetch(`/api/v1/${method}`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify(request),
    signal,
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

// A server stream as Server-Sent Events read through fetch (EventSource cannot send a bearer
// token). Calls onMessage per message; resolves when the stream ends, rejects on a refusal.
export async function stream<T = Json>(
  method: string,
  request: Json,
  onMessage: (m: T) => void,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`/api/v1/${method}`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify(request),
    signal,
  });
  if (!res.ok || !res.body) throw await errorOf(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (!data) continue; // a keep-alive comment
      if (event === "message") onMessage(JSON.parse(data) as T);
      else if (event === "error") {
        const e = JSON.parse(data) as { code: string; reason: string };
        throw new ApiError(0, e.code, "", e.reason);
      } else if (event === "end") return;
    }
  }
}

// bytes fields (call texts) travel as base64 of UTF-8 in the JSON mapping.
export function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function requestId(): string {
  return crypto.randomUUID();
}

// A stream kept open: reconnects 2 s after it ends or fails (a gateway restart, a network
// blip) until `signal` aborts. `request()` is asked again on each connect, so a caller can
// resume after the last message it saw. A refusal (4xx) is final: retrying cannot help.
export function liveStream<T = Json>(
  method: string,
  request: () => Json,
  onMessage: (m: T) => void,
  onState: (state: "live" | "reconnecting" | "refused", error?: ApiError) => void,
  signal: AbortSignal,
): void {
  const connect = async () => {
    while (!signal.aborted) {
      onState("live");
      try {
        await stream<T>(method, request(), onMessage, signal);
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
          onState("refused", e);
          return;
        }
      }
      if (signal.aborted) return;
      onState("reconnecting");
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void connect();
}
