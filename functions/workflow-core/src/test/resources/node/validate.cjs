// Validates many ASL definitions in one process with asl-validator.
// argv[2]: JSON file [{name, definition}]; prints [{name, isValid, errors}] as JSON.
const fs = require('fs');
const v = require('asl-validator');
const validate = v.default || v;
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = cases.map(c => {
  const r = validate(c.definition, { checkArn: true, checkPaths: true });
  return { name: c.name, isValid: r.isValid, errors: r.isValid ? '' : (r.errorsText ? r.errorsText('\n') : JSON.stringify(r.errors)) };
});
process.stdout.write(JSON.stringify(out));
