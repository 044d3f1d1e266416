// Writes docs/perturbations.md from the perturbation registry. Run: npx tsx scripts/gen-perturbation-docs.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PERTURBATION_DOC_PATH, renderPerturbationDoc } from '../src/core/perturb/perturbationDoc.js';

mkdirSync(dirname(PERTURBATION_DOC_PATH), { recursive: true });
writeFileSync(PERTURBATION_DOC_PATH, renderPerturbationDoc());
console.log(`wrote ${PERTURBATION_DOC_PATH}`);
