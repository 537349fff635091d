// Types of the generated standalone validator (scripts/build-validator.ts).
import type { ErrorObject } from 'ajv'

export interface GeneratedValidator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

export declare const validate: GeneratedValidator
export default validate
