// Validates every element template in .camunda/element-templates against the Camunda 7 element template schema
// (the validator Camunda Modeler uses) and prints one line per template; exits 1 if any is invalid.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@bpmn-io/element-templates-validator';

const dir = process.argv[2];
let invalid = 0;
for (const file of readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
  const template = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const { valid, errors } = validate(template);
  if (valid) {
    console.log(`VALID ${file} ${template.id}`);
  } else {
    invalid++;
    console.log(`INVALID ${file}: ${(errors || []).map(e => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  }
}
process.exit(invalid ? 1 : 0);
