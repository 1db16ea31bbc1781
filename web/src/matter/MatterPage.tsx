export function MatterPage(_props: Record<string, unknown>) { return null; }
