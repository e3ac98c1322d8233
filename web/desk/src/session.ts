// The signed-in person: the bearer token pasted at login (kept for this tab only) and the
// claims it names. The claims are read for display and routing; the services verify the token.
export interface Claims {
  sub: string;
  name?: string;
  role: string; // operator, duty_officer, supervisor, agency, …
  side?: string; // "110" or "12345"
  agency?: string;
  exp?: number;
}

const KEY = "liandong.token";

export function decodeClaims(token: string): Claims | null {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Claims;
    return claims.sub && claims.role ? claims : null;
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function currentClaims(): Claims | null {
  const t = currentToken();
  return t ? decodeClaims(t) : null;
}

export function signIn(token: string): Claims | null {
  const claims = decodeClaims(token);
  if (claims) sessionStorage.setItem(KEY, token.trim());
  return claims;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

// "agency:<id>" for an agency, "110"/"12345" for a desk.
export function ownDestination(c: Claims): string {
  if (c.role === "agency") return `agency:${c.agency ?? ""}`;
  return c.side ?? "";
}

export function sideEnum(c: Claims): string {
  return c.side === "12345" ? "SIDE_12345" : "SIDE_110";
}
