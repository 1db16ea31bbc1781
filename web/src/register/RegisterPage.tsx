export function RegisterPage(_props: Record<string, unknown>) { return null; }
