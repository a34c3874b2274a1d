export function buildExtension(options?: { quiet?: boolean }): Promise<{ chromeDir: string; firefoxDir: string }>;
