import type { DetectorDefinition } from '../../detector/types.js';
import { abaRouting } from './aba-routing.js';
import { accountNumber } from './account-number.js';
import { creditCard } from './credit-card.js';
import { dea } from './dea.js';
import { driversLicense } from './drivers-license.js';
import { healthPlanId } from './health-plan-id.js';
import { hicn } from './hicn.js';
import { itin } from './itin.js';
import { mbi } from './mbi.js';
import { mrn } from './mrn.js';
import { npi } from './npi.js';
import { passport } from './passport.js';
import { ssn } from './ssn.js';

/**
 * Government, insurance, provider and financial identifiers, in priority order: checked
 * formats (check digits, issuer ranges) before label-driven ones, and the loosest shapes,
 * which need a word nearby, last.
 */
export const identifierDetectors: readonly DetectorDefinition[] = [
  ssn,
  itin,
  mbi,
  hicn,
  npi,
  dea,
  creditCard,
  abaRouting,
  mrn,
  healthPlanId,
  accountNumber,
  passport,
  driversLicense,
];
