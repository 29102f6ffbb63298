/** Entry of a benchmark server child process: `node server-child.js <tenantry|bare> <url> <tenant>`. */
import { child } from './support.js';

await child(process.argv[2]!, process.argv[3]!, process.argv[4]!);
