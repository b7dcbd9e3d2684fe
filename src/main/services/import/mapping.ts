import type { FieldId } from '../../../shared/enums';

/** Column index per field; a field the file lacks is absent. (Its own module: both field tables use it, and fields.ts imports citizen-fields.ts.) */
export type Mapping = Partial<Record<FieldId, number>>;
