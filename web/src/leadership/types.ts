import type { WireOf } from '../../../src/shared/api.schema.ts';
import type { InstructionListSchema, InstructionSchema } from '../../../src/shared/leadership.schema.ts';

export type Instruction = WireOf<typeof InstructionSchema>;
export type InstructionList = WireOf<typeof InstructionListSchema>;
import type { CardListSchema, CardSchema } from '../../../src/shared/supervision.schema.ts';

export type Card = WireOf<typeof CardSchema>;
export type CardList = WireOf<typeof CardListSchema>;
import type {
  OwnershipCandidatesSchema,
  OwnershipListSchema,
  OwnershipSchema,
} from '../../../src/shared/ownership.schema.ts';

export type Ownership = WireOf<typeof OwnershipSchema>;
export type OwnershipList = WireOf<typeof OwnershipListSchema>;
export type OwnershipCandidates = WireOf<typeof OwnershipCandidatesSchema>;
