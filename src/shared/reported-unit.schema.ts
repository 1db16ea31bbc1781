import { z } from 'zod';
import { id, text } from './schemas.ts';

/** The registrar confirms which unit a report of misconduct is about (shared by the API and the form). */
export const IdentifyReportedUnitInput = z.object({ unitId: id, note: text(2000).optional() });
export type IdentifyReportedUnitInput = z.input<typeof IdentifyReportedUnitInput>;
