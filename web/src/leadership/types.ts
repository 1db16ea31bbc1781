import type { WireOf } from '../../../src/shared/api.schema.ts';
import type { InstructionListSchema, InstructionSchema } from '../../../src/shared/leadership.schema.ts';

export type Instruction = WireOf<typeof InstructionSchema>;
export type InstructionList = WireOf<typeof InstructionListSchema>;
