import type { AppConfig } from './config/env.ts';
import { NO_TEXT_SERVICES, type TextServices } from './intake/text-hooks.ts';

/** The text features for the app; until a model is trained they answer nothing. */
export async function createTextServices(_config: AppConfig): Promise<TextServices> {
  return NO_TEXT_SERVICES;
}
