export function AdminPage(_props: Record<string, unknown>) { return null; }
