import { z } from 'zod';

/**
 * Every `robustlens.*` setting: its schema and its default, in one table that has no `vscode`
 * import, so a unit test can hold it against the manifest's `contributes.configuration`.
 */
const endpointSetting = z.object({
  name: z.string().min(1),
  url: z.string().url(),
  api: z.enum(['openai', 'ollama']),
});

export type EndpointSetting = z.infer<typeof endpointSetting>;

export const SETTINGS = {
  resultsFolders: { schema: z.array(z.string()), default: [] as string[] },
  bfclDataFolders: { schema: z.array(z.string()), default: [] as string[] },
  tagsFile: { schema: z.string(), default: '' },
  endpoints: { schema: z.array(endpointSetting), default: [] as EndpointSetting[] },
  model: { schema: z.string(), default: '' },
  ggufPath: { schema: z.string(), default: '' },
  timeoutMs: { schema: z.number().int().min(1000), default: 60_000 },
  temperature: { schema: z.number().min(0).max(2), default: 0 },
  seed: { schema: z.number().int(), default: 42 },
  toolMode: { schema: z.enum(['native', 'prompt']), default: 'native' as 'native' | 'prompt' },
  quickRunsFile: { schema: z.string().min(1), default: 'quick-runs/quick-runs.jsonl' },
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: (typeof SETTINGS)[K]['default'] };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** A setting's value as the user wrote it, or its default with the reason when it is not valid. */
export function readSetting<K extends SettingKey>(key: K, raw: unknown): { value: SettingValues[K]; problem?: string } {
  const spec = SETTINGS[key];
  const fallback = spec.default as SettingValues[K];
  if (raw === undefined) return { value: fallback };
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data as SettingValues[K] };
  const issues = parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
  return { value: fallback, problem: `robustlens.${key} is not valid (${issues}); using ${JSON.stringify(spec.default)}` };
}
